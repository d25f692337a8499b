package io.comply360.platform.data;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.data.internal.IdempotencyKey;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} for creating POSTs. Inside the caller's tenant transaction the key is claimed
 * (unique per tenant, caller and key) together with a hash of the operation and request; the effect and the
 * stored answer commit with it. The same key and request again → the stored answer, replayed; the same key
 * with another request → 422. A failed request stores nothing, so it can be retried with its key. Concurrent
 * requests with one key serialise on the key's row: the second sees the first's committed answer.
 *
 * <p>An operation that cannot finish in one transaction (it calls a remote system between two) uses
 * {@link #claim}, then {@link #complete} in a later transaction, or {@link #release} when it failed for good. A key
 * claimed but never completed (the first attempt died half-way) answers {@link Claim.Unfinished}: the retry
 * resumes the operation, whose steps must therefore be idempotent.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ObjectMapper json;

    public IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /** What a creating action answers: status, where the new resource lives, and its representation. */
    public record Created(int status, URI location, Object entity) {}

    /** Where a key stands when an operation begins. */
    public sealed interface Claim {
        /** Claimed now (or no key was sent): do the work, then {@link #complete}. */
        record Fresh() implements Claim {}

        /** Claimed by an earlier attempt that never stored its answer: resume the operation. */
        record Unfinished() implements Claim {}

        /** The operation finished before: send this answer again. */
        record Answered(StoredResponse response) implements Claim {}
    }

    /**
     * Runs {@code action} once per key. Call inside a tenant transaction (platform requests use
     * {@link TenantTransactions#PLATFORM_SCOPE}). A {@code null} key runs the action unguarded.
     *
     * @param operation what is being done, e.g. {@code "POST /api/v1/tenants"}: a key cannot be replayed on
     *        another operation
     * @param principal the caller ({@code sub}); keys of different callers never collide
     */
    public Uni<StoredResponse> once(
            String key, String operation, String principal, Object request, Supplier<Uni<Created>> action) {
        return claim(key, operation, principal, request)
                .chain(claim -> claim instanceof Claim.Answered answered
                        ? Uni.createFrom().item(answered.response())
                        : action.get().chain(created -> complete(key, principal, created)));
    }

    /**
     * {@link #once} for a resource whose service opens the transaction: the resource names the key and how a
     * result is answered ({@code answer}: status, Location, body); the service runs the guard inside its
     * transaction. The claim, the effect and the stored answer therefore commit together or not at all, and a replay
     * answers without running the work.
     */
    public <T> InTransaction<T, StoredResponse> guard(
            String key, String operation, String principal, Object request, Function<T, Created> answer) {
        return work -> once(key, operation, principal, request, () -> work.get().map(answer));
    }

    /**
     * Claims {@code key} for this request in the current transaction (the claim commits with it). 400 for a key
     * that is not 1–255 visible ASCII characters (an empty header included: it is not "no key"), 422 when the key
     * was used for another request.
     */
    public Uni<Claim> claim(String key, String operation, String principal, Object request) {
        if (key == null) {
            return Uni.createFrom().item(new Claim.Fresh());
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            ProblemType.MALFORMED_REQUEST,
                            "Invalid Idempotency-Key",
                            List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
        }
        String hash = hash(operation, request);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                insert into idempotency_keys (tenant_id, principal, idem_key, request_hash)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, :principal, :key, :hash)
                on conflict do nothing
                """)
                        .setParameter("principal", principal)
                        .setParameter("key", key)
                        .setParameter("hash", hash)
                        .executeUpdate()
                        .chain(claimed -> claimed == 1
                                ? Uni.createFrom().item(new Claim.Fresh())
                                : session.createSelectionQuery(
                                                "from IdempotencyKey where principal = :principal and key = :key",
                                                IdempotencyKey.class)
                                        .setParameter("principal", principal)
                                        .setParameter("key", key)
                                        .getSingleResult()
                                        .map(stored -> claimOf(stored, hash))));
    }

    /** Stores the answer of the operation {@code key} was claimed for, in the current transaction. */
    public Uni<StoredResponse> complete(String key, String principal, Created created) {
        StoredResponse stored = store(created);
        if (key == null) {
            return Uni.createFrom().item(stored);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                update idempotency_keys set status = :status, location = :location, body = :body
                where principal = :principal and idem_key = :key
                """)
                        .setParameter("status", stored.status())
                        .setParameter("location", stored.location())
                        .setParameter("body", stored.body())
                        .setParameter("principal", principal)
                        .setParameter("key", key)
                        .executeUpdate())
                .replaceWith(stored);
    }

    /** Forgets an unanswered claim whose operation failed for good, so that the key may be used again. */
    public Uni<Void> release(String key, String principal) {
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                delete from idempotency_keys where principal = :principal and idem_key = :key and status is null
                """)
                        .setParameter("principal", principal)
                        .setParameter("key", key)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private StoredResponse store(Created created) {
        try {
            return new StoredResponse(
                    created.status(),
                    created.location() == null ? null : created.location().toString(),
                    json.writeValueAsString(created.entity()),
                    false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the response of a creating request", e);
        }
    }

    private static Claim claimOf(IdempotencyKey stored, String hash) {
        if (!hash.equals(stored.requestHash)) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "This Idempotency-Key was already used for a different request",
                    List.of(new FieldError(HEADER, "was used before with another request; use a new key")));
        }
        return stored.status == null
                ? new Claim.Unfinished()
                : new Claim.Answered(new StoredResponse(stored.status, stored.location, stored.body, true));
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }
}
