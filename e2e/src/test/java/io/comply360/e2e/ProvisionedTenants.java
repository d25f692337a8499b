package io.comply360.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Tenants a test class provisions through the gateway as the platform admin, and the cleanup of what their
 * provisioning left in the shared dev realm: after the class, the Keycloak users of those tenants are deleted and
 * their portal addresses (redirect URI, web origin, post-logout URI) are taken off the portal client
 * {@code comply360-gateway}. The demo users and the acme/globex addresses are never touched. The tenant rows stay
 * in {@code tenant_test} (new slugs every run; no test counts tenants).
 * <p>
 * Slugs are {@code e2e-<run>-<purpose>}, the run being the start time in base 36, and first admins are
 * {@code admin+<slug>@e2e.test}: leftovers of a run that died before its cleanup (older than
 * {@link #LEFTOVERS_AFTER}) are recognised by that pattern and removed too.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RunningServices services = new RunningServices();
 * &#64;RegisterExtension
 * static final ProvisionedTenants tenants = new ProvisionedTenants(services);
 * </pre>
 */
final class ProvisionedTenants implements AfterAllCallback {

    /** The operators' bare domain: platform admins work here, not on an agency's host. */
    static final String OPERATORS_HOST = "localhost:8080";

    private static final long RUN_STARTED = System.currentTimeMillis();
    private static final String RUN = Long.toString(RUN_STARTED, 36);
    private static final Pattern TEST_PORTAL = Pattern.compile("http://e2e-([0-9a-z]+)-[0-9a-z-]+\\.localhost:8080");
    private static final Pattern TEST_ADMIN = Pattern.compile("admin\\+e2e-([0-9a-z]+)-[0-9a-z-]+@e2e\\.test");
    private static final Duration LEFTOVERS_AFTER = Duration.ofMinutes(30);
    /** Access tokens live 300 s in the realm: a fresh one well before that. */
    private static final Duration TOKEN_REFRESH = Duration.ofSeconds(240);

    private static final int PORTAL_CLEANUP_ATTEMPTS = 5;

    private final RunningServices services;
    private final Set<String> slugs = new LinkedHashSet<>();
    private final Set<String> tenantIds = new LinkedHashSet<>();
    private String platformAdmin;
    private Instant platformAdminSince = Instant.EPOCH;
    private int rateLimited;

    ProvisionedTenants(RunningServices services) {
        this.services = services;
    }

    /** A slug of this run, for one purpose of a test (lowercase letters, digits, hyphens). */
    static String slug(String purpose) {
        return "e2e-" + RUN + "-" + purpose;
    }

    /** The unique address of the first admin the tests give a tenant. */
    static String adminEmail(String slug) {
        return "admin+" + slug + "@e2e.test";
    }

    /** The tenant's portal, as tenant-service registers it (its default portal URL). */
    static String portalOf(String slug) {
        return "http://" + slug + ".localhost:8080";
    }

    /** How many requests of this class the gateway's rate limit held back (429, waited out). */
    int rateLimited() {
        return rateLimited;
    }

    /**
     * Asks for a new tenant ({@code POST /api/v1/tenants}, a new Idempotency-Key each time) and answers the
     * response; what it names is cleaned up after the class.
     */
    synchronized Response request(String slug, String legalName, String email, String firstName, String lastName)
            throws IOException, InterruptedException {
        slugs.add(slug);
        String idempotencyKey = UUID.randomUUID().toString();
        Response response = asOperator(request -> request.header("Idempotency-Key", idempotencyKey)
                .contentType("application/json")
                .body(Map.of(
                        "slug",
                        slug,
                        "legalName",
                        legalName,
                        "countries",
                        List.of("ZA"),
                        "tier",
                        "starter",
                        "admin",
                        Map.of("email", email, "firstName", firstName, "lastName", lastName)))
                .post("/api/v1/tenants"));
        String id = response.statusCode() < 300 ? response.jsonPath().getString("id") : null;
        if (id != null) {
            tenantIds.add(id);
        }
        return response;
    }

    /** Where the tenant's provisioning saga stands ({@code GET /api/v1/tenants/{id}/provisioning}), as JSON. */
    JsonNode provisioningOf(String tenantId) throws IOException, InterruptedException {
        Response view = asOperator(request -> request.get("/api/v1/tenants/" + tenantId + "/provisioning"));
        if (view.statusCode() != 200) {
            throw new AssertionError(
                    "The provisioning of tenant " + tenantId + ": " + view.statusCode() + " " + view.asString());
        }
        return LocalStack.json(view.asString());
    }

    /**
     * Sends a request as the platform admin on the operators' host. The gateway limits operators too (a bucket
     * shared through Redis, so an earlier run may have drained it): a 429 is waited out as its Retry-After says.
     */
    synchronized Response asOperator(Function<RequestSpecification, Response> send)
            throws IOException, InterruptedException {
        if (Duration.between(platformAdminSince, Instant.now()).compareTo(TOKEN_REFRESH) > 0) {
            platformAdmin = LocalStack.userToken("platform@comply360.test");
            platformAdminSince = Instant.now();
        }
        // The operator's rate limit may answer 429 on a long run: wait as the gateway says and ask again.
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = send.apply(given().baseUri(services.gatewayUrl())
                            .header("Host", OPERATORS_HOST)
                            .auth()
                            .oauth2(platformAdmin));
                    if (last[0].statusCode() == 429) {
                        rateLimited++;
                        return false;
                    }
                    return true;
                });
        return last[0];
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cleanUp();
    }

    private synchronized void cleanUp() throws IOException, InterruptedException {
        KeycloakAdmin keycloak = KeycloakAdmin.signIn();
        int users = 0;
        for (String tenantId : tenantIds) {
            if (tenantId.equals(LocalStack.ACME) || tenantId.equals(LocalStack.GLOBEX)) {
                continue;
            }
            for (JsonNode user : keycloak.usersOfTenant(tenantId)) {
                keycloak.deleteUser(user.path("id").asText());
                users++;
            }
        }
        for (JsonNode user : keycloak.usersStartingWith("admin+e2e-")) {
            if (isLeftover(TEST_ADMIN.matcher(user.path("email").asText()))) {
                keycloak.deleteUser(user.path("id").asText());
                users++;
            }
        }
        Set<String> origins = new LinkedHashSet<>();
        slugs.forEach(slug -> origins.add(portalOf(slug)));
        int addresses = removePortals(origins);
        System.out.printf(
                "Cleaned up after %d test tenants: %d Keycloak users deleted, %d portal addresses taken" + " off %s%n",
                slugs.size(), users, addresses, KeycloakAdmin.GATEWAY_CLIENT);
        slugs.clear();
        tenantIds.clear();
    }

    /**
     * Takes the portals' addresses (and those of leftover test tenants) off the portal client: GET it, edit,
     * PUT it whole. tenant-service may be writing the client at the same time (another stack on the same realm
     * provisioning): the client is read back and the removal repeated until none of the addresses is left.
     */
    private static int removePortals(Set<String> origins) throws IOException, InterruptedException {
        int removed = 0;
        for (int attempt = 1; attempt <= PORTAL_CLEANUP_ATTEMPTS; attempt++) {
            KeycloakAdmin keycloak = KeycloakAdmin.signIn();
            ObjectNode client = keycloak.gatewayClient();
            int found = remove(client, "redirectUris", uri -> isTestPortal(origins, uri, "/*"))
                    + remove(client, "webOrigins", uri -> isTestPortal(origins, uri, ""));
            List<String> postLogout = KeycloakAdmin.postLogoutUris(client);
            List<String> kept = postLogout.stream()
                    .filter(uri -> !isTestPortal(origins, uri, "/*"))
                    .toList();
            found += postLogout.size() - kept.size();
            if (found == 0) {
                return removed;
            }
            if (postLogout.size() != kept.size()) {
                ((ObjectNode) client.get("attributes")).put(KeycloakAdmin.POST_LOGOUT_URIS, String.join("##", kept));
            }
            keycloak.updateClient(client);
            removed += found;
        }
        throw new IllegalStateException("The test portals' addresses kept coming back on "
                + KeycloakAdmin.GATEWAY_CLIENT + " after " + PORTAL_CLEANUP_ATTEMPTS + " attempts");
    }

    private static int remove(ObjectNode client, String field, Predicate<String> unwanted) {
        if (!(client.get(field) instanceof ArrayNode values)) {
            return 0;
        }
        List<Integer> doomed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (unwanted.test(values.get(i).asText())) {
                doomed.add(i);
            }
        }
        for (int i = doomed.size() - 1; i >= 0; i--) {
            values.remove(doomed.get(i));
        }
        return doomed.size();
    }

    private static boolean isTestPortal(Set<String> origins, String uri, String suffix) {
        if (!uri.endsWith(suffix)) {
            return false;
        }
        String origin = uri.substring(0, uri.length() - suffix.length());
        return origins.contains(origin) || isLeftover(TEST_PORTAL.matcher(origin));
    }

    /** A test tenant's address or admin of a run that started long enough ago to be over. */
    private static boolean isLeftover(Matcher matcher) {
        if (!matcher.matches()) {
            return false;
        }
        try {
            long started = Long.parseLong(matcher.group(1), 36);
            return started < RUN_STARTED - LEFTOVERS_AFTER.toMillis();
        } catch (NumberFormatException notARunStamp) {
            return false;
        }
    }
}
