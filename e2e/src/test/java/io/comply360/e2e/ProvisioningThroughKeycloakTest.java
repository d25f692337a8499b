package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.e2e.MailSink.Mail;
import io.comply360.e2e.TenantDatabase.OutboxEvent;
import io.restassured.response.Response;

/**
 * The tenant-service issue's acceptance against the real Keycloak: a platform admin provisions a tenant through
 * the built gateway, the built tenant-service's saga creates its first admin in Keycloak (admin-only
 * {@code tenant_id}, role {@code tenant_admin}, a required password change), registers the tenant's portal on
 * the portal client and has Keycloak mail the set-password link; the test then plays the invited admin — reads
 * the mail in GreenMail, follows the link in a browser, sets a password — and that admin gets a token for the
 * new tenant and works on the agency's host. An admin address that belongs to another tenant blocks the
 * provisioning and leaves that account exactly as it was.
 * <p>
 * Keycloak counts wrong passwords (brute-force detection): this test only ever posts right ones.
 * {@link ProvisionedTenants} removes the Keycloak users and portal addresses it created.
 */
class ProvisioningThroughKeycloakTest {

    private static final String KEYCLOAK_HOST = URI.create(LocalStack.KEYCLOAK).getAuthority();
    private static final Duration PROVISIONED_WITHIN = Duration.ofSeconds(20);
    private static final Pattern ACTION_LINK =
            Pattern.compile(Pattern.quote(LocalStack.REALM + "/login-actions/action-token?") + "\\S+");
    private static final Pattern PROCEED_LINK = Pattern.compile(
            "<a href=\"(" + Pattern.quote(LocalStack.REALM + "/login-actions/action-token?") + "[^\"]+)\"");
    private static final Pattern PASSWORD_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-passwd-update-form\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    private static final Pattern BACK_TO_APPLICATION = Pattern.compile("<a href=\"([^\"]+)\">[^<]*Back to Application");
    /** How many pages a browser may pass through from the mailed link to the password form. */
    private static final int PAGES_TO_THE_FORM = 5;

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    @RegisterExtension
    static final ProvisionedTenants tenants = new ProvisionedTenants(services);

    @Test
    void theInvitedFirstAdminSetsAPasswordFromKeycloaksMailAndWorksOnTheNewAgencysHost() throws Exception {
        String slug = ProvisionedTenants.slug("invited");
        String email = ProvisionedTenants.adminEmail(slug);
        String portal = ProvisionedTenants.portalOf(slug);
        Response created = tenants.request(slug, "Invited Admin " + slug + " (Pty) Ltd", email, "Ina", "Invited");
        assertThat(created.statusCode())
                .as("creating %s: %s", slug, created.asString())
                .isEqualTo(201);
        assertThat(created.jsonPath().getString("status")).isEqualTo("provisioning");
        String tenantId = created.jsonPath().getString("id");

        JsonNode saga =
                awaitProvisioning(tenantId, view -> view.path("status").asText().equals("active"));
        assertThat(saga.path("adminEmail").asText()).isEqualTo(email);
        assertThat(saga.hasNonNull("blockedReason"))
                .as("blocked reason in %s", saga)
                .isFalse();
        assertThat(saga.hasNonNull("completedAt"))
                .as("completed at in %s", saga)
                .isTrue();
        String userId = saga.path("adminUserId").asText();

        // Keycloak: the first admin, of this tenant, with the role, asked to set a password.
        KeycloakAdmin keycloak = KeycloakAdmin.signIn();
        List<JsonNode> users = keycloak.usersWithEmail(email);
        assertThat(users).as("Keycloak users with %s", email).hasSize(1);
        JsonNode user = users.get(0);
        assertThat(user.path("id").asText()).as("the saga's adminUserId").isEqualTo(userId);
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("firstName").asText()).isEqualTo("Ina");
        assertThat(user.path("lastName").asText()).isEqualTo("Invited");
        assertThat(KeycloakAdmin.texts(user.path("attributes").path("tenant_id")))
                .containsExactly(tenantId);
        assertThat(KeycloakAdmin.texts(user.path("requiredActions"))).containsExactly("UPDATE_PASSWORD");
        assertThat(keycloak.realmRoles(userId))
                .contains("tenant_admin")
                .doesNotContain("platform_admin", "agent", "agent_assistant", "service");
        assertThat(keycloak.credentials(userId))
                .as("no password before the admin sets one")
                .isEmpty();

        // The portal client: the agency's address, since Keycloak matches no wildcard hosts.
        JsonNode client = keycloak.gatewayClient();
        assertThat(KeycloakAdmin.texts(client.path("redirectUris"))).contains(portal + "/*");
        assertThat(KeycloakAdmin.texts(client.path("webOrigins"))).contains(portal);
        assertThat(KeycloakAdmin.postLogoutUris(client)).contains(portal + "/*");

        // GreenMail: Keycloak's set-password mail, handed to SMTP before the tenant became active.
        List<Mail> mails = await("mail to " + email)
                .pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .until(() -> MailSink.messagesTo(email), received -> !received.isEmpty());
        assertThat(mails).as("mail to %s", email).hasSize(1);
        assertThat(mails.get(0).text()).contains("Update Password");
        Matcher link = ACTION_LINK.matcher(mails.get(0).text());
        assertThat(link.find())
                .as("a set-password link in %s", mails.get(0).text())
                .isTrue();

        // The invited admin follows the link like a browser and chooses a password.
        String password = "Inv1ted-" + UUID.randomUUID() + "!";
        Browser browser = new Browser(null);
        Response updated = setPassword(browser, link.group(), email, password);
        assertThat(updated.statusCode())
                .as("after the new password: %s", updated.asString())
                .isEqualTo(200);
        assertThat(updated.asString()).contains("Your account has been updated");
        Matcher back = BACK_TO_APPLICATION.matcher(updated.asString());
        assertThat(back.find())
                .as("a way back to the portal in %s", updated.asString())
                .isTrue();
        assertThat(back.group(1)).as("back to the agency's portal").isEqualTo(portal + "/portal");
        JsonNode afterwards = KeycloakAdmin.signIn().user(userId);
        assertThat(KeycloakAdmin.texts(afterwards.path("requiredActions")))
                .as("nothing left to do")
                .isEmpty();
        assertThat(afterwards.path("emailVerified").asBoolean())
                .as("the mailed link proves the address")
                .isTrue();

        // The password grant of the CLI client: a token for the new tenant, as its admin, for the API.
        var tokenResponse = LocalStack.token(Map.of(
                "grant_type", "password", "client_id", "comply360-cli", "username", email, "password", password));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        String token =
                LocalStack.json(tokenResponse.body()).path("access_token").asText();
        JsonNode claims = LocalStack.claims(token);
        assertThat(claims.path("tenant_id").asText()).isEqualTo(tenantId);
        assertThat(KeycloakAdmin.texts(claims.path("realm_access").path("roles")))
                .contains("tenant_admin");
        assertThat(audiences(claims)).contains("comply360-api");

        // The agency's host serves its admin; another agency's host does not.
        Response settings = given().baseUri(services.gatewayUrl())
                .header("Host", slug + ".localhost:8080")
                .auth()
                .oauth2(token)
                .get("/api/v1/settings");
        assertThat(settings.statusCode()).as(settings.asString()).isEqualTo(200);
        assertThat(settings.header("ETag")).isNotBlank();
        assertProblem(
                given().baseUri(services.gatewayUrl())
                        .header("Host", "acme.localhost:8080")
                        .auth()
                        .oauth2(token)
                        .get("/api/v1/settings"),
                403);
    }

    @Test
    void anAdminAddressOfAnotherTenantBlocksProvisioningAndLeavesThatAccountAsItWas() throws Exception {
        String taken = "agent@globex.test";
        KeycloakAdmin keycloak = KeycloakAdmin.signIn();
        List<JsonNode> owners = keycloak.usersWithEmail(taken);
        assertThat(owners).as("the demo user %s", taken).hasSize(1);
        String ownerId = owners.get(0).path("id").asText();
        JsonNode userBefore = keycloak.user(ownerId);
        List<String> rolesBefore = keycloak.realmRoles(ownerId);
        JsonNode credentialsBefore = keycloak.credentials(ownerId);
        int mailsBefore = MailSink.messagesTo(taken).size();

        String slug = ProvisionedTenants.slug("blocked");
        Response created = tenants.request(slug, "Blocked Agency " + slug + " (Pty) Ltd", taken, "Gerrit", "Globex");
        assertThat(created.statusCode())
                .as("creating %s: %s", slug, created.asString())
                .isEqualTo(201);
        String tenantId = created.jsonPath().getString("id");

        JsonNode saga =
                awaitProvisioning(tenantId, view -> view.path("blockedReason").isTextual());
        assertThat(saga.path("status").asText()).isEqualTo("provisioning");
        assertThat(saga.hasNonNull("completedAt"))
                .as("completed at in %s", saga)
                .isFalse();
        assertThat(saga.hasNonNull("adminUserId"))
                .as("no account taken over: %s", saga)
                .isFalse();
        assertThat(saga.path("blockedReason").asText())
                .as("a neutral reason")
                .doesNotContainIgnoringCase("globex")
                .doesNotContain(LocalStack.GLOBEX);
        Response tenant = tenants.asOperator(request -> request.get("/api/v1/tenants/" + tenantId));
        assertThat(tenant.jsonPath().getString("status")).as(tenant.asString()).isEqualTo("provisioning");
        assertThat(TenantDatabase.outboxOf(tenantId))
                .extracting(OutboxEvent::routingKey)
                .as("nothing announced")
                .doesNotContain("tenant.provisioned");

        KeycloakAdmin after = KeycloakAdmin.signIn();
        assertThat(after.user(ownerId)).as("%s's representation", taken).isEqualTo(userBefore);
        assertThat(after.realmRoles(ownerId)).as("%s's realm roles", taken).isEqualTo(rolesBefore);
        assertThat(after.credentials(ownerId)).as("%s's credentials", taken).isEqualTo(credentialsBefore);
        assertThat(after.usersOfTenant(tenantId))
                .as("Keycloak users of the blocked tenant")
                .isEmpty();
        assertThat(MailSink.messagesTo(taken)).as("mail to %s", taken).hasSize(mailsBefore);
        assertThat(KeycloakAdmin.texts(after.gatewayClient().path("redirectUris")))
                .as("no portal registered for a blocked tenant")
                .doesNotContain(ProvisionedTenants.portalOf(slug) + "/*");
    }

    /**
     * Polls the tenant's provisioning saga (as the platform admin, through the gateway) until it is as wanted;
     * answers its view.
     */
    private static JsonNode awaitProvisioning(String tenantId, Predicate<JsonNode> wanted) {
        return await("provisioning of tenant " + tenantId
                        + " (its saga logs to e2e/target/services/tenant-service.log)")
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .atMost(PROVISIONED_WITHIN)
                .until(() -> tenants.provisioningOf(tenantId), wanted);
    }

    /**
     * What a browser does with the mailed link: it opens it; Keycloak 26 first shows what it is about to do
     * ("Perform the following action(s): Update Password", with a link to proceed, which starts the browser's
     * authentication session), then redirects to the password form. Every page up to the form is followed
     * whichever way it leads (redirect or proceed link); then the form is posted with the new password twice.
     */
    private static Response setPassword(Browser browser, String link, String username, String password) {
        String url = link;
        Response page = browser.get(url);
        for (int pages = 1; !PASSWORD_FORM.matcher(page.asString()).find(); pages++) {
            assertThat(pages)
                    .as("pages before the password form; last %s %s", page.statusLine(), page.asString())
                    .isLessThan(PAGES_TO_THE_FORM);
            if (page.statusCode() == 302 || page.statusCode() == 303) {
                String next = Browser.resolve(url, page.header("Location"));
                assertThat(URI.create(next).getAuthority())
                        .as("redirected to %s", next)
                        .isEqualTo(KEYCLOAK_HOST);
                page = browser.get(next);
                url = next;
            } else {
                assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
                Matcher proceed = PROCEED_LINK.matcher(page.asString());
                assertThat(proceed.find())
                        .as("a link to proceed in %s", page.asString())
                        .isTrue();
                assertThat(page.asString()).contains("Update Password");
                url = unescape(proceed.group(1));
                page = browser.get(url);
            }
        }
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher form = PASSWORD_FORM.matcher(page.asString());
        assertThat(form.find()).isTrue();
        Matcher action = ACTION.matcher(form.group());
        assertThat(action.find()).as("action of %s", form.group()).isTrue();
        String target = unescape(action.group(1));
        assertThat(target).startsWith(LocalStack.REALM + "/login-actions/required-action?");
        String typed = URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.post(
                target,
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password-new=" + typed
                        + "&password-confirm=" + typed);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&");
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isTextual() ? List.of(aud.asText()) : KeycloakAdmin.texts(aud);
    }
}
