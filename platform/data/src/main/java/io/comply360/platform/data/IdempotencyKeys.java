package io.comply360.platform.data;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    public record Created(int status, URI location, Object entity) {
    }

    /**
     * Runs {@code action} once per key. Call inside a tenant transaction (platform requests use
     * {@link TenantTransactions#PLATFORM_SCOPE}). A {@code null} key runs the action unguarded.
     *
     * @param operation what is being done, e.g. {@code "POST /api/v1/tenants"}: a key cannot be replayed on
     *        another operation
     * @param principal the caller ({@code sub}); keys of different callers never collide
     */
    public Uni<StoredResponse> once(String key, String operation, String principal, Object request,
            Supplier<Uni<Created>> action) {
        if (key == null) {
            return action.get().map(created -> store(created, false));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Invalid Idempotency-Key",
                    List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters")));
        }
        String hash = hash(operation, request);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into idempotency_keys (tenant_id, principal, idem_key, request_hash)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, :principal, :key, :hash)
                on conflict do nothing
                """)
                .setParameter("principal", principal)
                .setParameter("key", key)
                .setParameter("hash", hash)
                .executeUpdate()
                .chain(claimed -> claimed == 1
                        ? action.get().map(created -> store(created, false))
                                .call(stored -> session.createNativeQuery("""
                                        update idempotency_keys set status = :status, location = :location, body = :body
                                        where principal = :principal and idem_key = :key
                                        """)
                                        .setParameter("status", stored.status())
                                        .setParameter("location", stored.location())
                                        .setParameter("body", stored.body())
                                        .setParameter("principal", principal)
                                        .setParameter("key", key)
                                        .executeUpdate())
                        : session.createNativeQuery("""
                                select request_hash, status, location, body from idempotency_keys
                                where principal = :principal and idem_key = :key
                                """, Object[].class)
                                .setParameter("principal", principal)
                                .setParameter("key", key)
                                .getSingleResult()
                                .map(row -> replay(row, hash))));
    }

    private StoredResponse store(Created created, boolean replayed) {
        try {
            return new StoredResponse(created.status(), created.location() == null ? null : created.location().toString(),
                    json.writeValueAsString(created.entity()), replayed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the response of a creating request", e);
        }
    }

    private static StoredResponse replay(Object[] row, String hash) {
        if (!hash.equals(row[0])) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "This Idempotency-Key was already used for a different request",
                    List.of(new FieldError(HEADER, "was used before with another request; use a new key")));
        }
        return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3], true);
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
