package io.comply360.tenant.users;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.broker.EventType;
import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.tenant.Tenant;
import io.comply360.tenant.audit.AuditLog;
import io.comply360.tenant.keycloak.TenantAccounts;
import io.comply360.tenant.quota.Quota;
import io.comply360.tenant.quota.QuotaService;
import io.comply360.tenant.keycloak.TenantAccounts.Member;
import io.comply360.tenant.repository.TenantRepository;
import io.smallrye.mutiny.Uni;

/**
 * The people of a tenant, managed by its tenant admins through Keycloak (no password is ever seen here): invite
 * with roles, list, change roles, deactivate, reactivate. Each change is announced through the outbox. A
 * tenant admin cannot lock themselves out (remove their own admin role or deactivate themselves).
 */
@ApplicationScoped
public class UserService {

    private static final String INVITE = "POST /api/v1/users";
    /** More agents than any tier allows: counting further would not change the answer. */
    private static final int AGENTS_COUNTED = 1000;

    private final TenantAccounts accounts;
    private final TenantTransactions tx;
    private final TenantRepository tenants;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final AuditLog audit;
    private final QuotaService quotas;

    public UserService(TenantAccounts accounts, TenantTransactions tx, TenantRepository tenants,
            IdempotencyKeys idempotency, Outbox outbox, AuditLog audit, QuotaService quotas) {
        this.audit = audit;
        this.quotas = quotas;
        this.accounts = accounts;
        this.tx = tx;
        this.tenants = tenants;
        this.idempotency = idempotency;
        this.outbox = outbox;
    }

    public Uni<Page<Member>> list(UUID tenantId, int limit, int offset) {
        return keycloak(() -> accounts.countMembers(tenantId)
                .chain(total -> accounts.members(tenantId, offset, limit).map(page -> new Page<>(page, total, limit, offset))));
    }

    public Uni<Member> get(UUID tenantId, String userId) {
        return keycloak(() -> accounts.member(tenantId, userId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User"));
    }

    /**
     * Invites a person: their account (with the tenant's id and the roles), then Keycloak mails them a link to
     * set a password. An address that has an account already is refused with the same neutral answer whoever
     * holds it, and that account is never touched.
     */
    public Uni<StoredResponse> invite(UUID tenantId, String principal, String idempotencyKey, InviteRequest request) {
        String email = request.email().strip().toLowerCase(java.util.Locale.ROOT);
        return tx.inTenant(tenantId, () -> idempotency.once(idempotencyKey, INVITE, principal, request,
                () -> tenants.findById(tenantId).onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"))
                        .call(tenant -> withinAgentQuota(tenant, Set.copyOf(request.roles())))
                        .chain(tenant -> keycloak(() -> accounts
                        .createMember(tenantId, email, request.firstName().strip(), request.lastName().strip(),
                                Set.copyOf(request.roles()))
                        .call(id -> accounts.invite(id, tenant.slug))
                        .chain(id -> accounts.member(tenantId, id)))
                        .call(member -> announce(UserEvents.INVITED, tenantId, member, principal))
                        .map(member -> new Created(201, URI.create("/api/v1/users/" + member.id()), member)))));
    }

    public Uni<Member> changeRoles(UUID tenantId, String principal, String userId, RoleChange change) {
        Set<String> roles = Set.copyOf(change.roles());
        if (userId.equals(principal) && !roles.contains(Roles.TENANT_ADMIN)) {
            throw ProblemException.conflict("You cannot remove your own tenant admin role; ask another tenant admin");
        }
        return get(tenantId, userId)
                .call(member -> member.roles().contains(Roles.AGENT) ? Uni.createFrom().voidItem()
                        : tx.withoutTenant(() -> tenants.findById(tenantId)).chain(tenant -> withinAgentQuota(tenant, roles)))
                .chain(() -> keycloak(() -> accounts.setRoles(userId, roles).chain(() -> accounts.member(tenantId, userId))))
                .call(member -> tx.inTenant(tenantId, () -> announce(UserEvents.UPDATED, tenantId, member, principal)));
    }

    public Uni<Member> deactivate(UUID tenantId, String principal, String userId) {
        if (userId.equals(principal)) {
            throw ProblemException.conflict("You cannot deactivate yourself; ask another tenant admin");
        }
        return setEnabled(tenantId, principal, userId, false, UserEvents.DEACTIVATED);
    }

    public Uni<Member> reactivate(UUID tenantId, String principal, String userId) {
        return setEnabled(tenantId, principal, userId, true, UserEvents.UPDATED);
    }

    private Uni<Member> setEnabled(UUID tenantId, String principal, String userId, boolean enabled, EventType event) {
        return get(tenantId, userId)
                .chain(() -> keycloak(() -> accounts.setEnabled(userId, enabled).chain(() -> accounts.member(tenantId, userId))))
                .call(member -> tx.inTenant(tenantId, () -> announce(event, tenantId, member, principal)));
    }

    /** One more agent must fit the tier's {@code agents} quota (403 problem naming it otherwise). */
    private Uni<?> withinAgentQuota(Tenant tenant, Set<String> roles) {
        if (!roles.contains(Roles.AGENT)) {
            return Uni.createFrom().voidItem();
        }
        return keycloak(() -> accounts.members(tenant.id, 0, AGENTS_COUNTED))
                .map(members -> members.stream().filter(m -> m.enabled() && m.roles().contains(Roles.AGENT)).count())
                .map(current -> quotas.check(tenant, Quota.AGENTS, current, 1));
    }

    /** The event and the audit entry of a change, in one transaction. */
    private Uni<?> announce(EventType type, UUID tenantId, Member member, String principal) {
        return outbox.publish(type, tenantId, member.id(), new UserEvents.UserChanged(tenantId, member.id(),
                member.roles(), member.enabled(), principal, Instant.now()))
                .call(() -> audit.record(tenantId, principal, Roles.TENANT_ADMIN, type.type().replace("tenant.user_", "user."),
                        member.id(), java.util.Map.of("roles", member.roles(), "enabled", member.enabled())));
    }

    /** Keycloak's own failures become a 503 problem; the answers of our rules stay what they are. */
    private static <T> Uni<T> keycloak(Supplier<Uni<T>> call) {
        return Uni.createFrom().<T>deferred(call::get).onFailure().transform(failure -> {
            if (failure instanceof ProblemException) {
                return failure;
            }
            if (failure instanceof TenantAccounts.AlreadyMember) {
                return new ProblemException(ProblemType.CONFLICT, failure.getMessage(),
                        java.util.List.of(new FieldError("email", "already has an account in this agency")));
            }
            if (failure instanceof TenantAccounts.EmailBelongsElsewhere) {
                return new ProblemException(ProblemType.CONFLICT, "This email address cannot be invited",
                        java.util.List.of(new FieldError("email", "cannot be invited")));
            }
            io.quarkus.logging.Log.warnf("Keycloak call failed: %s", failure.toString());
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The identity provider is not answering; try again shortly");
        });
    }
}
