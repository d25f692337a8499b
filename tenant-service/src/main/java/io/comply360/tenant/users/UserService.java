package io.comply360.tenant.users;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.concurrent.CallerContext;
import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Claim;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.Leases;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.tenant.keycloak.KeycloakUser;
import io.comply360.tenant.keycloak.TenantAccounts;
import io.comply360.tenant.keycloak.TenantAccounts.Member;
import io.comply360.tenant.quota.Quota;
import io.comply360.tenant.quota.QuotaService;
import io.comply360.tenant.tenants.TenantRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The people of a tenant, managed by its tenant admins through Keycloak (no password is ever seen here): invite
 * with roles, list, change roles, deactivate, reactivate. A tenant admin cannot lock themselves out.
 *
 * <p>A change is recorded — its audit entry and its event, in one transaction — if and only if it took effect in
 * Keycloak. It is journalled ({@link PeopleChange}) before Keycloak is asked, each step's progress is written as it
 * happens, and no database connection is held while Keycloak answers. An attempt that dies half-way (Keycloak
 * down, the process gone, the last commit lost) stays pending: a retry with the same {@code Idempotency-Key}
 * resumes it, and otherwise the agency's next people change or the recovery job settles it, completing what took
 * effect and dropping what did not — they never start an effect nobody is waiting for. The changes of one agency
 * run one at a time (a lease), so the agents quota counts exactly what will be active.
 */
@ApplicationScoped
public class UserService {

    private static final String INVITE = "POST /api/v1/users";
    /** More agents than any tier allows: counting further would not change the answer. */
    private static final int AGENTS_COUNTED = 1000;
    /** How long the agency's changes wait after a replica died holding its lease (a live holder extends it). */
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** How long a change waits for the agency's change before it, then 503. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The most people {@link #enabledWithRole} answers. */
    public static final int MAX_WITH_ROLE = 500;

    private final TenantAccounts accounts;
    private final TenantTransactions tx;
    private final TenantRepository tenants;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final QuotaService quotas;
    private final Leases leases;
    private final PeopleChangeRepository changes;

    public UserService(
            TenantAccounts accounts,
            TenantTransactions tx,
            TenantRepository tenants,
            IdempotencyKeys idempotency,
            Outbox outbox,
            AuditTrail audit,
            QuotaService quotas,
            Leases leases,
            PeopleChangeRepository changes) {
        this.accounts = accounts;
        this.tx = tx;
        this.tenants = tenants;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.audit = audit;
        this.quotas = quotas;
        this.leases = leases;
        this.changes = changes;
    }

    public Uni<Page<Member>> list(UUID tenantId, int limit, int offset) {
        return keycloak(() -> accounts.countMembers(tenantId)
                .chain(total ->
                        accounts.members(tenantId, offset, limit).map(page -> new Page<>(page, total, limit, offset))));
    }

    public Uni<Member> get(UUID tenantId, String userId) {
        return keycloak(() -> accounts.member(tenantId, userId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("User"));
    }

    /**
     * The enabled people of the tenant who hold the tenant role {@code role}, with how to reach them, at most
     * {@value #MAX_WITH_ROLE}; 404 for an unknown tenant.
     */
    public Uni<List<TenantAccounts.Contact>> enabledWithRole(UUID tenantId, String role) {
        return tx.withoutTenant(() -> tenants.findById(tenantId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Tenant"))
                .chain(() -> keycloak(() -> accounts.enabledWithRole(tenantId, role, MAX_WITH_ROLE)));
    }

    /**
     * Invites a person: their account (with the tenant's id and the roles), then Keycloak mails them a link to
     * set a password. An address that has an account already is refused with the same neutral answer whoever
     * holds it, and that account is never touched.
     */
    public Uni<StoredResponse> invite(UUID tenantId, String principal, String idempotencyKey, InviteRequest request) {
        Supplier<Uni<StoredResponse>> replay =
                () -> tx.inTenant(tenantId, () -> idempotency.claim(idempotencyKey, INVITE, principal, request))
                        .map(claim -> claim instanceof Claim.Answered answered ? answered.response() : null);
        return oneAtATime(
                tenantId,
                () -> tx.inTenant(
                                tenantId,
                                () -> tenants.findById(tenantId)
                                        .onItem()
                                        .ifNull()
                                        .failWith(() -> ProblemException.notFound("Tenant"))
                                        .chain(tenant -> idempotency
                                                .claim(idempotencyKey, INVITE, principal, request)
                                                .chain(claim -> {
                                                    if (claim instanceof Claim.Answered answered) {
                                                        return Uni.createFrom()
                                                                .item(new Begun(null, answered.response()));
                                                    }
                                                    if (claim instanceof Claim.Unfinished) {
                                                        // Its attempt died and settling it just now could not finish it
                                                        // (Keycloak away): resume it.
                                                        return changes.byKey(principal, idempotencyKey)
                                                                .map(change -> new Begun(change.id, null));
                                                    }
                                                    PeopleChange change = journal(
                                                            tenantId,
                                                            PeopleChange.Kind.invite,
                                                            principal,
                                                            null,
                                                            request.roles().stream()
                                                                    .distinct()
                                                                    .sorted()
                                                                    .toList(),
                                                            null);
                                                    change.email = request.email()
                                                            .strip()
                                                            .toLowerCase(Locale.ROOT);
                                                    change.firstName =
                                                            request.firstName().strip();
                                                    change.lastName =
                                                            request.lastName().strip();
                                                    change.idempotencyKey = idempotencyKey;
                                                    return changes.persist(change)
                                                            .map(saved -> new Begun(saved.id, null));
                                                })))
                        .chain(begun -> begun.answer() != null
                                ? Uni.createFrom().item(begun.answer())
                                : settleInvite(tenantId, begun.changeId(), true, replay)));
    }

    public Uni<Member> changeRoles(UUID tenantId, String principal, String userId, RoleChange change) {
        List<String> roles = change.roles().stream().distinct().sorted().toList();
        if (userId.equals(principal) && !roles.contains(Roles.TENANT_ADMIN)) {
            throw ProblemException.conflict("You cannot remove your own tenant admin role; ask another tenant admin");
        }
        return oneAtATime(
                tenantId,
                () -> get(tenantId, userId).chain(member -> {
                    if (member.roles().equals(roles)) {
                        return Uni.createFrom().item(member);
                    }
                    boolean addsAnAgent = member.enabled()
                            && roles.contains(Roles.AGENT)
                            && !member.roles().contains(Roles.AGENT);
                    Uni<Void> fits = addsAnAgent
                            ? oneMoreAgentFits(tenantId)
                            : Uni.createFrom().voidItem();
                    Uni<PeopleChange> journalled = fits.chain(() -> begin(
                            journal(tenantId, PeopleChange.Kind.roles, principal, userId, roles, member.roles())));
                    return journalled
                            .chain(entry -> UserService.<Void>keycloak(
                                            () -> accounts.setRoles(userId, Set.copyOf(roles)))
                                    .chain(() -> complete(tenantId, entry.id, TenantEvents.USER_UPDATED, null)))
                            .map(Completed::member);
                }));
    }

    public Uni<Member> deactivate(UUID tenantId, String principal, String userId) {
        if (userId.equals(principal)) {
            throw ProblemException.conflict("You cannot deactivate yourself; ask another tenant admin");
        }
        return setEnabled(tenantId, principal, userId, PeopleChange.Kind.deactivate);
    }

    public Uni<Member> reactivate(UUID tenantId, String principal, String userId) {
        return setEnabled(tenantId, principal, userId, PeopleChange.Kind.reactivate);
    }

    private Uni<Member> setEnabled(UUID tenantId, String principal, String userId, PeopleChange.Kind kind) {
        boolean enabled = kind == PeopleChange.Kind.reactivate;
        return oneAtATime(
                tenantId,
                () -> get(tenantId, userId).chain(member -> {
                    if (member.enabled() == enabled) {
                        return Uni.createFrom().item(member);
                    }
                    // An agent who comes back counts towards the quota like a new one.
                    Uni<Void> fits = enabled && member.roles().contains(Roles.AGENT)
                            ? oneMoreAgentFits(tenantId)
                            : Uni.createFrom().voidItem();
                    Uni<PeopleChange> journalled = fits.chain(
                            () -> begin(journal(tenantId, kind, principal, userId, member.roles(), member.roles())));
                    return journalled
                            .chain(change -> UserService.<Void>keycloak(() -> accounts.setEnabled(userId, enabled))
                                    .chain(() -> complete(
                                            tenantId,
                                            change.id,
                                            enabled ? TenantEvents.USER_UPDATED : TenantEvents.USER_DEACTIVATED,
                                            null)))
                            .map(Completed::member);
                }));
    }

    /**
     * Settles a change whose attempt died (the recovery job): what took effect is completed and recorded, what did
     * not is dropped.
     */
    public Uni<Void> settleStale(UUID tenantId, UUID changeId) {
        return oneAtATime(tenantId, () -> settle(tenantId, changeId)).replaceWithVoid();
    }

    // --- One change at a time per agency --------------------------------------------------------------------------

    private record Begun(UUID changeId, StoredResponse answer) {}

    /**
     * Runs {@code work} holding the agency's people lease, after settling the changes earlier attempts left pending.
     * Changes are journalled only under the lease, so a pending one seen here belongs to an attempt that died; it is
     * older, and what it did decides what the next change may do (the quota above all).
     */
    private <T> Uni<T> oneAtATime(UUID tenantId, Supplier<Uni<T>> work) {
        return leases.holding(
                "people:" + tenantId,
                LEASE,
                WAIT,
                () -> tx.inTenant(tenantId, changes::pending)
                        .chain(pending -> settleEach(
                                tenantId, pending.stream().map(c -> c.id).toList()))
                        .chain(work::get));
    }

    private Uni<Void> settleEach(UUID tenantId, List<UUID> pending) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (UUID id : pending) {
            all = all.chain(() -> settle(tenantId, id)
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithItem(failure -> {
                        Log.warnf("People change %s of tenant %s stays pending: %s", id, tenantId, failure.toString());
                        return null;
                    }));
        }
        return all;
    }

    /** Brings a pending change to its end, whatever its kind; nobody waits for its answer. */
    private Uni<?> settle(UUID tenantId, UUID changeId) {
        return load(tenantId, changeId).chain(change -> {
            if (change.state != PeopleChange.State.pending) {
                return Uni.createFrom().voidItem();
            }
            if (change.kind == PeopleChange.Kind.invite) {
                return settleInvite(
                        tenantId, changeId, false, () -> Uni.createFrom().nullItem());
            }
            return keycloak(() -> accounts.member(tenantId, change.userId)).chain(member -> {
                if (member == null) {
                    return fail(tenantId, change, ProblemException.notFound("User"));
                }
                List<String> target = List.of(change.roles);
                boolean tookEffect = switch (change.kind) {
                    case roles -> !member.roles().equals(List.of(change.previousRoles));
                    case deactivate -> !member.enabled();
                    default -> member.enabled();
                };
                if (!tookEffect) {
                    return fail(tenantId, change, ProblemException.conflict("The change did not take effect"));
                }
                // A role change may have taken half an effect (roles removed, not yet added): finish it.
                Uni<Void> finish = change.kind == PeopleChange.Kind.roles
                        ? keycloak(() -> accounts.setRoles(change.userId, Set.copyOf(target)))
                        : Uni.createFrom().voidItem();
                return finish.chain(() -> complete(
                        tenantId,
                        changeId,
                        change.kind == PeopleChange.Kind.deactivate
                                ? TenantEvents.USER_DEACTIVATED
                                : TenantEvents.USER_UPDATED,
                        null));
            });
        });
    }

    // --- Invites ---------------------------------------------------------------------------------------------------

    /**
     * Takes an invite as far as it goes: the account (found again if an earlier attempt created it), its roles, the
     * invitation mail (once), then the record. {@code requested}: someone waits for the answer and may start
     * effects; the recovery job only completes an invite whose account exists.
     */
    private Uni<StoredResponse> settleInvite(
            UUID tenantId, UUID changeId, boolean requested, Supplier<Uni<StoredResponse>> replay) {
        return load(tenantId, changeId).chain(change -> {
            if (change.state == PeopleChange.State.done) {
                return replay.get();
            }
            if (change.state == PeopleChange.State.failed) {
                return Uni.createFrom().failure(ProblemException.conflict("This invitation failed: " + change.failure));
            }
            return keycloak(() -> accounts.account(change.email))
                    .chain(existing -> accountOf(tenantId, change, existing, requested))
                    .chain(userId -> keycloak(() -> accounts.setRoles(userId, Set.of(change.roles)))
                            .chain(() -> change.mailSentAt != null
                                    ? Uni.createFrom().voidItem()
                                    : tx.withoutTenant(() -> tenants.findById(tenantId))
                                            .chain(tenant -> keycloak(() -> accounts.invite(userId, tenant.slug)))
                                            .chain(() -> step(tenantId, changeId, c -> c.mailSentAt = Instant.now())))
                            .chain(() -> complete(
                                    tenantId,
                                    changeId,
                                    TenantEvents.USER_INVITED,
                                    member -> new Created(201, URI.create("/api/v1/users/" + member.id()), member))))
                    .map(Completed::answer);
        });
    }

    /** The invite's account: the one an earlier attempt of this invite created, or a new one. */
    private Uni<String> accountOf(UUID tenantId, PeopleChange change, KeycloakUser existing, boolean requested) {
        if (existing != null) {
            if (!TenantAccounts.isOfTenant(existing, tenantId)) {
                return fail(
                        tenantId,
                        change,
                        new ProblemException(
                                ProblemType.CONFLICT,
                                "This email address cannot be invited",
                                List.of(new FieldError("email", "cannot be invited"))));
            }
            if (change.accountRequestedAt == null) {
                return fail(
                        tenantId,
                        change,
                        new ProblemException(
                                ProblemType.CONFLICT,
                                "This person already has an account in this agency",
                                List.of(new FieldError("email", "already has an account in this agency"))));
            }
            return change.userId != null
                    ? Uni.createFrom().item(change.userId)
                    : step(tenantId, change.id, c -> c.userId = existing.id()).replaceWith(existing.id());
        }
        if (!requested) {
            return fail(tenantId, change, ProblemException.conflict("The invitation's account was never created"));
        }
        boolean countsAsAgent = Arrays.asList(change.roles).contains(Roles.AGENT);
        return (countsAsAgent ? oneMoreAgentFits(tenantId) : Uni.createFrom().voidItem())
                .onFailure(ProblemException.class)
                .recoverWithUni(refused -> fail(tenantId, change, (ProblemException) refused))
                .chain(() -> step(tenantId, change.id, c -> c.accountRequestedAt = Instant.now()))
                .invoke(() -> change.accountRequestedAt = Instant.now())
                .chain(() -> keycloak(
                                () -> accounts.newMember(tenantId, change.email, change.firstName, change.lastName))
                        // Taken meanwhile: ours if it is this agency's (an attempt of this invite), refused otherwise.
                        .onFailure(TenantAccounts.AccountExists.class)
                        .recoverWithUni(() -> keycloak(() -> accounts.account(change.email))
                                .chain(raced -> accountOf(tenantId, change, raced, true)))
                        .onFailure(TenantAccounts.Rejected.class)
                        .recoverWithUni(rejected -> fail(
                                tenantId,
                                change,
                                ProblemException.invalid(
                                        ((TenantAccounts.Rejected) rejected).field(), rejected.getMessage()))))
                .call(userId -> step(tenantId, change.id, c -> c.userId = userId));
    }

    // --- The journal -----------------------------------------------------------------------------------------------

    private static PeopleChange journal(
            UUID tenantId,
            PeopleChange.Kind kind,
            String principal,
            String userId,
            List<String> roles,
            List<String> previousRoles) {
        PeopleChange change = new PeopleChange();
        change.id = UUID.randomUUID();
        change.tenantId = tenantId;
        change.kind = kind;
        change.userId = userId;
        change.roles = roles.toArray(String[]::new);
        change.previousRoles = previousRoles == null ? null : previousRoles.toArray(String[]::new);
        change.requestedBy = principal;
        change.state = PeopleChange.State.pending;
        change.requestedAt = Instant.now();
        return change;
    }

    private Uni<PeopleChange> begin(PeopleChange change) {
        return tx.inTenant(change.tenantId, () -> changes.persist(change));
    }

    private Uni<PeopleChange> load(UUID tenantId, UUID changeId) {
        return tx.inTenant(tenantId, () -> changes.findById(changeId))
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("No people change " + changeId));
    }

    /** Writes a step's progress in a transaction of its own, before the next remote call. */
    private Uni<Void> step(UUID tenantId, UUID changeId, java.util.function.Consumer<PeopleChange> progress) {
        return tx.inTenant(tenantId, () -> changes.findById(changeId).invoke(progress))
                .replaceWithVoid();
    }

    /** What a completed change answers: the person as they are now, and the stored answer of an invite. */
    private record Completed(Member member, StoredResponse answer) {}

    /**
     * The change took effect: it is settled, audited and announced in one transaction, with the stored answer of
     * its {@code Idempotency-Key} when {@code answer} makes one.
     */
    private Uni<Completed> complete(
            UUID tenantId,
            UUID changeId,
            EventContract<TenantEvents.UserChanged> event,
            Function<Member, Created> answer) {
        return load(tenantId, changeId)
                .chain(journalled -> keycloak(() -> accounts.member(tenantId, journalled.userId)))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("User"))
                .chain(member -> tx.inTenant(
                        tenantId,
                        () -> changes.findById(changeId).chain(change -> {
                            change.settle(PeopleChange.State.done, null);
                            return outbox.publish(
                                            event,
                                            tenantId,
                                            member.id(),
                                            new TenantEvents.UserChanged(
                                                    tenantId,
                                                    member.id(),
                                                    member.roles(),
                                                    member.enabled(),
                                                    change.requestedBy,
                                                    Instant.now()))
                                    .call(() -> audit.record(
                                            tenantId,
                                            change.requestedBy,
                                            Roles.TENANT_ADMIN,
                                            event.type().type().replace("tenant.user_", "user."),
                                            member.id(),
                                            Map.of("roles", member.roles(), "enabled", member.enabled())))
                                    .chain(() -> answer == null
                                            ? Uni.createFrom().item(new Completed(member, null))
                                            : idempotency
                                                    .complete(
                                                            change.idempotencyKey,
                                                            change.requestedBy,
                                                            answer.apply(member))
                                                    .map(stored -> new Completed(member, stored)));
                        })));
    }

    /** The change did not take effect and never will: settled as failed, its key freed, {@code problem} answered. */
    private <T> Uni<T> fail(UUID tenantId, PeopleChange change, ProblemException problem) {
        return tx.inTenant(
                        tenantId,
                        () -> changes.findById(change.id).chain(current -> {
                            current.settle(PeopleChange.State.failed, problem.getMessage());
                            String key = current.idempotencyKey;
                            current.idempotencyKey = null;
                            return idempotency.release(key, current.requestedBy);
                        }))
                .chain(() -> Uni.createFrom().failure(problem));
    }

    /** One more agent must fit the tier's {@code agents} quota (403 problem naming it otherwise). */
    private Uni<Void> oneMoreAgentFits(UUID tenantId) {
        return tx.withoutTenant(() -> tenants.findById(tenantId))
                .chain(tenant -> keycloak(() -> accounts.members(tenantId, 0, AGENTS_COUNTED))
                        .map(members -> members.stream()
                                .filter(m -> m.enabled() && m.roles().contains(Roles.AGENT))
                                .count())
                        .invoke(current -> quotas.check(tenant, Quota.AGENTS, current, 1)))
                .replaceWithVoid();
    }

    /** Keycloak's own failures become a 503 problem; the answers of our rules stay what they are. */
    private static <T> Uni<T> keycloak(Supplier<Uni<T>> call) {
        return CallerContext.resumeOn(call).onFailure().transform(failure -> {
            if (failure instanceof ProblemException
                    || failure instanceof TenantAccounts.Rejected
                    || failure instanceof TenantAccounts.AccountExists) {
                return failure;
            }
            Log.warnf("Keycloak call failed: %s", failure.toString());
            return new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE, "The identity provider is not answering; try again shortly");
        });
    }
}
