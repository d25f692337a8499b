package io.comply360.tenant.keycloak;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.platform.data.Leases;
import io.comply360.platform.tenancy.Roles;
import io.comply360.tenant.config.TenantConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The people and portal addresses of tenants in Keycloak. Every operation is idempotent (it looks before it
 * writes), so a saga step can run again after any failure. Passwords are never seen here: people set their own
 * through Keycloak's mailed required actions.
 */
@ApplicationScoped
public class TenantAccounts {

    /** The email belongs to an account outside this tenant; that account is never touched. */
    public static class EmailBelongsElsewhere extends RuntimeException {
        public EmailBelongsElsewhere() {
            super("This email address cannot be used for this agency", null, false, false);
        }
    }

    /** Keycloak refused a field of a new account (its user profile rules); {@code field} is ours (email, firstName…). */
    public static class Rejected extends RuntimeException {
        private final String field;

        public Rejected(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** An account with the address was created meanwhile (Keycloak answered 409): look again. */
    public static class AccountExists extends RuntimeException {
        public AccountExists() {
            super("An account with this address exists", null, false, false);
        }
    }

    /** A person of a tenant as its tenant admin sees them. */
    public record Member(
            String id,
            String email,
            String firstName,
            String lastName,
            boolean enabled,
            boolean invitationPending,
            List<String> roles) {}

    /** The roles a tenant admin may give; platform_admin and service are never granted through a tenant. */
    public static final Set<String> TENANT_ROLES = Set.of(Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT);

    private static final String POST_LOGOUT_URIS = "post.logout.redirect.uris";

    /** How long the portal client stays locked after a replica died changing it (a live holder extends it). */
    private static final java.time.Duration CLIENT_LEASE = java.time.Duration.ofSeconds(15);

    private static final java.time.Duration CLIENT_LEASE_WAIT = java.time.Duration.ofSeconds(60);

    /** Accounts read per Keycloak page when people are looked for by role. */
    private static final int PAGE = 100;

    /** Role lookups in flight at once while a page is read: Keycloak answers many people without a burst. */
    private static final int ROLE_LOOKUPS = 10;

    private final KeycloakAdmin keycloak;
    private final TenantConfig config;
    private final ObjectMapper json;
    private final Leases leases;

    public TenantAccounts(KeycloakAdmin keycloak, TenantConfig config, ObjectMapper json, Leases leases) {
        this.keycloak = keycloak;
        this.config = config;
        this.json = json;
        this.leases = leases;
    }

    /** How services reach a person (notifications): name, address, phone and locale where Keycloak has them. */
    public record Contact(
            String id,
            String firstName,
            String lastName,
            String email,
            String phone,
            String locale,
            boolean enabled,
            List<String> roles) {}

    /** The contact of one person of the tenant; null for an unknown id or someone of another tenant. */
    public Uni<Contact> contact(UUID tenantId, String userId) {
        return userOf(tenantId, userId).onItem().ifNotNull().transformToUni(this::contactOf);
    }

    /**
     * The enabled people of the tenant who hold the tenant role {@code role}, at most {@code max}, in Keycloak's
     * order. The tenant's accounts are read a page at a time (filtered by the tenant attribute, as {@link #members}
     * does) until {@code max} are found or the accounts end; roles are asked only for enabled accounts, a few at a
     * time.
     */
    public Uni<List<Contact>> enabledWithRole(UUID tenantId, String role, int max) {
        return enabledWithRole(tenantId, role, max, 0, new ArrayList<>());
    }

    private Uni<List<Contact>> enabledWithRole(UUID tenantId, String role, int max, int first, List<Contact> found) {
        return keycloak.usersByQuery(ofTenant(tenantId), first, PAGE, false).chain(users -> {
            List<Uni<Contact>> enabled = users.stream()
                    .filter(user -> tenantId.toString().equals(user.tenantId()))
                    .filter(user -> !Boolean.FALSE.equals(user.enabled()))
                    .map(this::contactOf)
                    .toList();
            Uni<List<Contact>> page = enabled.isEmpty()
                    ? Uni.createFrom().item(List.<Contact>of())
                    : Uni.join().all(enabled).usingConcurrencyOf(ROLE_LOOKUPS).andFailFast();
            return page.chain(contacts -> {
                contacts.stream()
                        .filter(contact -> contact.roles().contains(role))
                        .limit(max - found.size())
                        .forEach(found::add);
                return found.size() >= max || users.size() < PAGE
                        ? Uni.createFrom().item(List.copyOf(found))
                        : enabledWithRole(tenantId, role, max, first + PAGE, found);
            });
        });
    }

    private Uni<Contact> contactOf(KeycloakUser user) {
        return keycloak.realmRolesOf(user.id())
                .map(roles -> new Contact(
                        user.id(),
                        user.firstName(),
                        user.lastName(),
                        user.email(),
                        user.attribute("phone"),
                        user.attribute("locale"),
                        !Boolean.FALSE.equals(user.enabled()),
                        tenantRoles(roles)));
    }

    public Uni<Long> countMembers(UUID tenantId) {
        return keycloak.countUsers(ofTenant(tenantId));
    }

    /** A page of the tenant's people, with their tenant roles. */
    public Uni<List<Member>> members(UUID tenantId, int first, int max) {
        return keycloak.usersByQuery(ofTenant(tenantId), first, max, false).chain(users -> {
            List<Uni<Member>> members = users.stream()
                    .filter(user -> tenantId.toString().equals(user.tenantId()))
                    .map(this::withRoles)
                    .toList();
            return members.isEmpty()
                    ? Uni.createFrom().item(List.<Member>of())
                    : Uni.join().all(members).andFailFast();
        });
    }

    /** One person of the tenant; empty for an unknown id or someone of another tenant (never revealed). */
    public Uni<Member> member(UUID tenantId, String userId) {
        return userOf(tenantId, userId).onItem().ifNotNull().transformToUni(this::withRoles);
    }

    /** The user if they are a person of the tenant; null for an unknown id or someone else (never revealed). */
    private Uni<KeycloakUser> userOf(UUID tenantId, String userId) {
        return keycloak.user(userId)
                .map(node -> json.convertValue(node, KeycloakUser.class))
                .onFailure(status(404))
                .recoverWithNull()
                .map(user -> user != null && tenantId.toString().equals(user.tenantId()) ? user : null);
    }

    /** The account of {@code email}, whoever it belongs to; null when there is none. */
    public Uni<KeycloakUser> account(String email) {
        return find(email);
    }

    /**
     * A new account in the tenant (admin-only {@code tenant_id}), which must set its password first. Fails with
     * {@link Rejected} naming the field Keycloak refused, or {@link AccountExists} when the address was taken
     * meanwhile.
     */
    public Uni<String> newMember(UUID tenantId, String email, String firstName, String lastName) {
        return newAccount(tenantId, email, firstName, lastName)
                .onFailure(conflict())
                .transform(e -> new AccountExists());
    }

    /** Makes the person's tenant roles exactly {@code wanted}; other realm roles are left as they are. */
    public Uni<Void> setRoles(String userId, Set<String> wanted) {
        return keycloak.realmRolesOf(userId).chain(current -> {
            Set<String> held = current.stream().map(RoleRef::name).collect(java.util.stream.Collectors.toSet());
            List<RoleRef> remove = current.stream()
                    .filter(role -> TENANT_ROLES.contains(role.name()) && !wanted.contains(role.name()))
                    .toList();
            Set<String> add =
                    wanted.stream().filter(role -> !held.contains(role)).collect(java.util.stream.Collectors.toSet());
            Uni<Void> removed = remove.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : keycloak.removeRealmRoles(userId, remove).replaceWithVoid();
            return removed.chain(() -> add.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : assignable(userId, add)
                            .chain(refs -> keycloak.addRealmRoles(userId, refs))
                            .replaceWithVoid());
        });
    }

    /** Disables or enables the account; a disabled person cannot sign in, their data stays. */
    public Uni<Void> setEnabled(String userId, boolean enabled) {
        return keycloak.user(userId)
                .chain(user -> {
                    user.put("enabled", enabled);
                    return keycloak.updateUser(userId, user);
                })
                .replaceWithVoid();
    }

    /**
     * The Keycloak id of {@code email}'s account in {@code tenantId}, created if there is none (with the
     * admin-only {@code tenant_id} attribute and a required password change), holding {@code role}.
     * Fails with {@link EmailBelongsElsewhere} if the address is another tenant's (or a platform account).
     */
    public Uni<String> ensureMember(UUID tenantId, String email, String firstName, String lastName, String role) {
        return find(email)
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(ownedBy(existing, tenantId).id());
                    }
                    return newAccount(tenantId, email, firstName, lastName)
                            // Created meanwhile by another attempt: use it, if it is this tenant's.
                            .onFailure(conflict())
                            .recoverWithUni(() -> find(email)
                                    .map(raced -> ownedBy(raced, tenantId).id()));
                })
                .call(id -> ensureRole(id, role));
    }

    /** A new account in the tenant (admin-only tenant_id attribute), which must set its password first. */
    private Uni<String> newAccount(UUID tenantId, String email, String firstName, String lastName) {
        KeycloakUser user = new KeycloakUser(
                null,
                email,
                email,
                firstName,
                lastName,
                true,
                false,
                Map.of(KeycloakUser.TENANT_ATTRIBUTE, List.of(tenantId.toString())),
                List.of("UPDATE_PASSWORD"));
        return keycloak.createUser(user)
                .map(created -> idFrom(created.getLocation()))
                .onFailure(status(400))
                .transform(this::rejected);
    }

    /**
     * Keycloak's refusal of a new account as the field of ours it is about: its user profile answers
     * {@code {"field":"firstName","errorMessage":"error-person-name-invalid-character"}} (or a list of them).
     */
    private Rejected rejected(Throwable failure) {
        String field = "email";
        String error = "";
        try {
            var body = json.readTree(
                    ((WebApplicationException) failure).getResponse().readEntity(String.class));
            var first = body.has("errors") && body.get("errors").size() > 0
                    ? body.get("errors").get(0)
                    : body;
            field = switch (first.path("field").asText("email")) {
                case "firstName" -> "firstName";
                case "lastName" -> "lastName";
                default -> "email";
            };
            error = first.path("errorMessage").asText("");
        } catch (RuntimeException | java.io.IOException e) {
            Log.debugf("Keycloak's refusal could not be read: %s", e.toString());
        }
        Log.infof("Keycloak refused a new account: %s %s", field, error);
        return new Rejected(
                field,
                switch (error) {
                    case "error-person-name-invalid-character" -> PersonNames.MESSAGE;
                    case "error-invalid-email", "error-invalid-value" -> "must be an email address";
                    case "error-non-ascii-local-part-email" ->
                        "must have only ASCII letters, digits and symbols before the @";
                    case "error-invalid-length", "error-invalid-length-too-long" -> "is too long";
                    case "error-user-attribute-required" -> "is required";
                    default -> "is not accepted by the identity provider";
                });
    }

    private Uni<Member> withRoles(KeycloakUser user) {
        return keycloak.realmRolesOf(user.id())
                .map(roles -> new Member(
                        user.id(),
                        user.email(),
                        user.firstName(),
                        user.lastName(),
                        !Boolean.FALSE.equals(user.enabled()),
                        user.requiredActions() != null && user.requiredActions().contains("UPDATE_PASSWORD"),
                        tenantRoles(roles)));
    }

    private static List<String> tenantRoles(List<RoleRef> roles) {
        return roles.stream()
                .map(RoleRef::name)
                .filter(TENANT_ROLES::contains)
                .sorted()
                .toList();
    }

    private static String ofTenant(UUID tenantId) {
        return KeycloakUser.TENANT_ATTRIBUTE + ":" + tenantId;
    }

    /** Mails the person a link to set their password; the link leads to the tenant's portal afterwards. */
    public Uni<Void> invite(String userId, String slug) {
        return keycloak.executeActionsEmail(
                        userId,
                        config.portalClientId(),
                        config.portalOf(slug) + "/portal",
                        config.invitationLifespan().toSeconds(),
                        List.of("UPDATE_PASSWORD"))
                .replaceWithVoid();
    }

    /**
     * Registers the tenant's portal on the portal client (redirect URI, web origin, post-logout URI): Keycloak
     * matches no wildcard hosts. The client is read, changed and written back whole, so every change of it (any
     * tenant's, any replica's) holds one lease: two tenants provisioned at once never overwrite each other's
     * address. The write is read back as a last guard.
     */
    public Uni<Void> registerPortal(String slug) {
        String origin = config.portalOf(slug);
        return changingPortalClient(
                        () -> Uni.createFrom().item(false),
                        client -> add(client, "redirectUris", origin + "/*")
                                | add(client, "webOrigins", origin)
                                | addPostLogout(client, origin + "/*"))
                .chain(this::portalClient)
                .invoke(client -> {
                    if (!contains(client.path("redirectUris"), origin + "/*")) {
                        throw new IllegalStateException(
                                "The portal address of " + slug + " was overwritten concurrently");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Removes a cancelled tenant's portal address from the portal client, unless {@code claimedAgain} (asked while
     * the client's lease is held, so no registration can slip in between) finds the slug in use by another tenant:
     * its address is the same and stays.
     */
    public Uni<Void> unregisterPortal(String slug, Supplier<Uni<Boolean>> claimedAgain) {
        String origin = config.portalOf(slug);
        return changingPortalClient(
                claimedAgain,
                client -> remove(client, "redirectUris", origin + "/*")
                        | remove(client, "webOrigins", origin)
                        | removePostLogout(client, origin + "/*"));
    }

    /** Removes an account of the tenant (never anyone else's); an account already gone is fine. */
    public Uni<Void> removeMember(UUID tenantId, String userId) {
        return userOf(tenantId, userId)
                .chain(user -> user == null
                        ? Uni.createFrom().voidItem()
                        : keycloak.deleteUser(userId)
                                .onFailure(status(404))
                                .recoverWithNull()
                                .replaceWithVoid());
    }

    private Uni<Void> changingPortalClient(
            Supplier<Uni<Boolean>> skip, java.util.function.Predicate<ObjectNode> change) {
        return leases.holding(
                "keycloak-client:" + config.portalClientId(),
                CLIENT_LEASE,
                CLIENT_LEASE_WAIT,
                () -> skip.get()
                        .chain(skipped -> skipped
                                ? Uni.createFrom().voidItem()
                                : portalClient()
                                        .chain(client -> change.test(client)
                                                ? keycloak.updateClient(
                                                                client.path("id")
                                                                        .asText(),
                                                                client)
                                                        .replaceWithVoid()
                                                : Uni.createFrom().voidItem())));
    }

    private Uni<KeycloakUser> find(String email) {
        return keycloak.usersByEmail(email, true)
                .map(users -> users.stream()
                        .filter(user -> email.equalsIgnoreCase(user.email()))
                        .findFirst()
                        .orElse(null));
    }

    private static KeycloakUser ownedBy(KeycloakUser user, UUID tenantId) {
        if (!isOfTenant(user, tenantId)) {
            throw new EmailBelongsElsewhere();
        }
        return user;
    }

    /** Whether the account belongs to the tenant; an account of anyone else is left untouched (and that is logged). */
    public static boolean isOfTenant(KeycloakUser user, UUID tenantId) {
        if (tenantId.toString().equals(user.tenantId())) {
            return true;
        }
        Log.infof("Email of Keycloak user %s is not in tenant %s; left untouched", user.id(), tenantId);
        return false;
    }

    private Uni<Void> ensureRole(String userId, String role) {
        return keycloak.realmRolesOf(userId)
                .chain(roles -> roles.stream().anyMatch(r -> role.equals(r.name()))
                        ? Uni.createFrom().voidItem()
                        : assignable(userId, Set.of(role))
                                .chain(refs -> keycloak.addRealmRoles(userId, refs))
                                .replaceWithVoid());
    }

    /** The role references for {@code names} among those the user can be given; fails if one is missing. */
    private Uni<List<RoleRef>> assignable(String userId, Set<String> names) {
        return keycloak.assignableRealmRoles(userId).map(available -> {
            List<RoleRef> refs = available.stream()
                    .filter(role -> names.contains(role.name()))
                    .toList();
            if (refs.size() != names.size()) {
                throw new IllegalStateException("Keycloak does not offer the roles " + names + " for user " + userId);
            }
            return refs;
        });
    }

    private Uni<ObjectNode> portalClient() {
        return keycloak.clientsByClientId(config.portalClientId()).map(clients -> {
            if (clients.isEmpty()) {
                throw new IllegalStateException("Keycloak has no client " + config.portalClientId());
            }
            return clients.get(0);
        });
    }

    private static boolean add(ObjectNode client, String field, String value) {
        ArrayNode values = client.has(field) ? (ArrayNode) client.get(field) : client.putArray(field);
        if (contains(values, value)) {
            return false;
        }
        values.add(value);
        return true;
    }

    private static boolean remove(ObjectNode client, String field, String value) {
        if (!client.has(field)) {
            return false;
        }
        ArrayNode values = (ArrayNode) client.get(field);
        for (int i = 0; i < values.size(); i++) {
            if (value.equals(values.get(i).asText())) {
                values.remove(i);
                return true;
            }
        }
        return false;
    }

    private static boolean removePostLogout(ObjectNode client, String uri) {
        ObjectNode attributes =
                client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        List<String> uris = new ArrayList<>(
                List.of(attributes.path(POST_LOGOUT_URIS).asText("").split("##")));
        if (!uris.remove(uri)) {
            return false;
        }
        attributes.put(POST_LOGOUT_URIS, String.join("##", uris));
        return true;
    }

    private static boolean addPostLogout(ObjectNode client, String uri) {
        ObjectNode attributes =
                client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        Set<String> uris = new LinkedHashSet<>();
        String current = attributes.path(POST_LOGOUT_URIS).asText("");
        for (String existing : current.split("##")) {
            if (!existing.isBlank()) {
                uris.add(existing);
            }
        }
        if (!uris.add(uri)) {
            return false;
        }
        attributes.put(POST_LOGOUT_URIS, String.join("##", new ArrayList<>(uris)));
        return true;
    }

    private static boolean contains(com.fasterxml.jackson.databind.JsonNode values, String value) {
        for (var existing : values) {
            if (value.equals(existing.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String idFrom(URI location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static java.util.function.Predicate<Throwable> conflict() {
        return status(409);
    }

    private static java.util.function.Predicate<Throwable> status(int status) {
        return failure ->
                failure instanceof WebApplicationException e && e.getResponse().getStatus() == status;
    }
}
