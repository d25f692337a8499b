package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The portal's sign-in against the real Keycloak: the built gateway runs the authorization code flow with PKCE
 * (OIDC tenant {@code portal}, confidential client {@code comply360-gateway}), the test plays the browser over
 * plain HTTP — redirects followed by hand, cookies kept per host and path, the login form filled in — and the
 * portal page shows what the built tenant-service answers to the user's own access token.
 * <p>
 * Java does not resolve {@code *.localhost}: whatever a redirect sends to {@code acme.localhost:8080} goes to the
 * gateway on 127.0.0.1 with that {@code Host} header, as a browser on {@code http://acme.localhost:8080} sends it.
 * Keycloak counts wrong passwords (brute-force detection): this test only ever posts right ones. It gives acme a
 * new display name in the test database (as acme's tenant admin, through the API) to recognise it on the page.
 */
class PortalSignInThroughKeycloakTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String KEYCLOAK_HOST = URI.create(LocalStack.KEYCLOAK).getAuthority();
    private static final String GLOBEX_HOST = "globex.localhost:8080";
    private static final String PORTAL = "http://" + ACME_HOST + "/portal";
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    private static final Pattern AGENCY = Pattern.compile("<header>\\s*<strong>([^<]*)</strong>");
    private static final Pattern ROLES = Pattern.compile("<p id=\"roles\">Signed in as ([^<.]*)");

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    /** The login form's action on a Keycloak login page, HTML-unescaped. */
    private static String loginAction(Response page) {
        Matcher form = LOGIN_FORM.matcher(page.asString());
        assertThat(form.find())
                .as("Keycloak's login form in %s %s", page.statusLine(), page.asString())
                .isTrue();
        Matcher action = ACTION.matcher(form.group());
        assertThat(action.find()).as("action of %s", form.group()).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    /** A sign-in begun at the gateway and carried through Keycloak up to the gateway's callback. */
    private record SignIn(String authorizeUrl, String callbackUrl, Response callback) {}

    /**
     * What a browser does from {@code /portal} on an agency's host up to the gateway's callback: the gateway
     * leads to Keycloak's authorization endpoint (PKCE, redirect back to the same host's {@code /portal}); Keycloak
     * shows its login form, which is filled in with the user's right password — or, while the browser holds a
     * Keycloak session ({@code username} null), answers at once; either way it redirects back with a code, and
     * the browser takes it to the gateway.
     */
    private static SignIn signIn(Browser browser, String host, String username) {
        String portal = "http://" + host + "/portal";
        Response start = browser.get(portal);
        assertThat(start.statusCode())
                .as("a stranger on the portal: %s", start.asString())
                .isEqualTo(302);
        String authorize = start.header("Location");
        assertThat(authorize).startsWith(LocalStack.REALM + "/protocol/openid-connect/auth?");
        Map<String, String> parameters = Browser.query(authorize);
        assertThat(parameters)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "comply360-gateway")
                .containsEntry("redirect_uri", portal)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "code_challenge");
        assertThat(parameters.get("scope").split(" ")).contains("openid");
        assertThat(parameters.get("code_challenge"))
                .as("S256 of a verifier, base64url")
                .matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.cookiesFor(host, "/portal").keySet())
                .as("the gateway's state cookie")
                .anyMatch(name -> name.startsWith("q_auth_portal"));

        Response toPortal;
        if (username == null) {
            toPortal = browser.get(authorize);
        } else {
            Response loginPage = browser.get(authorize);
            assertThat(loginPage.statusCode()).as(loginPage.asString()).isEqualTo(200);
            assertThat(browser.cookiesFor(KEYCLOAK_HOST, "/realms/comply360/").keySet())
                    .contains("AUTH_SESSION_ID");
            String action = loginAction(loginPage);
            assertThat(action).startsWith(LocalStack.REALM + "/login-actions/authenticate?");
            toPortal = browser.post(
                    action,
                    "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                            + URLEncoder.encode(LocalStack.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&credentialId=");
        }
        assertThat(toPortal.statusCode())
                .as("Keycloak after the sign-in: %s", toPortal.asString())
                .isEqualTo(302);
        String back = toPortal.header("Location");
        assertThat(back).startsWith(portal + "?");
        assertThat(Browser.query(back))
                .containsKey("code")
                .containsEntry("state", parameters.get("state"))
                .doesNotContainKey("error");
        return new SignIn(authorize, back, browser.get(back));
    }

    /** Signs in on acme's host and goes where the callback leads: the portal page, with the session. */
    private static Response signInAtAcme(Browser browser, String username) {
        SignIn signIn = signIn(browser, ACME_HOST, username);
        return browser.follow(signIn.callbackUrl(), signIn.callback());
    }

    /** Names of the session cookie: Quarkus splits it into {@code q_session_portal_chunk_<n>} when it is long. */
    private static boolean isSessionCookie(String name) {
        return name.equals("q_session_portal") || name.startsWith("q_session_portal_chunk_");
    }

    private static Map<String, String> sessionCookies(Browser browser) {
        Map<String, String> session = new LinkedHashMap<>(browser.cookiesFor(ACME_HOST, "/portal"));
        session.keySet().removeIf(name -> !isSessionCookie(name));
        return session;
    }

    private static RequestSpecification api(String bearer) {
        return given().baseUri(services.gatewayUrl())
                .header("Host", ACME_HOST)
                .auth()
                .oauth2(bearer);
    }

    /** Gives acme a display name of its own (as its tenant admin, through the gateway) and answers it. */
    private static String renameAcme() throws Exception {
        String admin = LocalStack.userToken("admin@acme.test");
        Response current = api(admin).get("/api/v1/settings");
        assertThat(current.statusCode()).as(current.asString()).isEqualTo(200);
        String name = "Acme Registrations e2e " + System.currentTimeMillis();
        Response saved = api(admin)
                .header("If-Match", current.header("ETag"))
                .contentType("application/json")
                .body(Map.of(
                        "displayName",
                        name,
                        "defaultLocale",
                        current.jsonPath().getString("defaultLocale"),
                        "timeZone",
                        current.jsonPath().getString("timeZone"),
                        "primaryColour",
                        current.jsonPath().getString("primaryColour")))
                .put("/api/v1/settings");
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        return name;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    @Test
    void anAcmeAgentSignsInAtKeycloakAndThePortalShowsTheAgencyTenantServiceGivesTheirToken() throws Exception {
        String displayName = renameAcme();
        Browser browser = new Browser(services.gatewayUrl());

        SignIn signIn = signIn(browser, ACME_HOST, "agent@acme.test");

        Response callback = signIn.callback();
        assertThat(callback.statusCode())
                .as("code exchanged: %s", callback.asString())
                .isEqualTo(302);
        assertThat(callback.header("Location")).isEqualTo(PORTAL);
        assertThat(browser.cookiesFor(ACME_HOST, "/portal").keySet())
                .as("state cookie used up")
                .noneMatch(name -> name.startsWith("q_auth_portal"));
        Map<String, String> session = sessionCookies(browser);
        assertThat(session).as("session cookie(s) set by the callback").isNotEmpty();
        for (Cookie cookie : callback.getDetailedCookies()) {
            if (isSessionCookie(cookie.getName()) && cookie.getMaxAge() != 0) {
                assertThat(cookie.getPath()).as(cookie.getName()).isEqualTo("/portal");
                assertThat(cookie.isHttpOnly()).as(cookie.getName()).isTrue();
            }
        }
        // Encrypted: the (joined) cookie is a compact JWE, five parts, its header naming the content encryption.
        String[] jwe = session.keySet().stream()
                .sorted(Comparator.comparing(String::length).thenComparing(name -> name))
                .map(session::get)
                .collect(Collectors.joining())
                .split("\\.");
        assertThat(jwe).hasSize(5);
        assertThat(new String(Base64.getUrlDecoder().decode(jwe[0]), StandardCharsets.UTF_8))
                .contains("\"enc\"");

        Response home = browser.follow(signIn.callbackUrl(), callback);
        assertThat(home.statusCode()).as(home.asString()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        String page = home.asString();
        assertThat(page).contains("Welcome, Andile Acme");
        assertThat(first(ROLES, page).split(", ")).contains("agent").doesNotContain("tenant_admin", "platform_admin");
        // The agency's name can only have come from tenant-service, asked with the agent's own token: it is what
        // the same agent reads through the API with a bearer token, and it was set just now.
        Response settings = api(LocalStack.userToken("agent@acme.test")).get("/api/v1/settings");
        assertThat(settings.statusCode()).as(settings.asString()).isEqualTo(200);
        assertThat(settings.jsonPath().getString("displayName")).isEqualTo(displayName);
        assertThat(first(AGENCY, page)).isEqualTo(displayName);
    }

    @Test
    void thePortalSessionCookieDoesNotAuthoriseTheApi() throws Exception {
        Browser browser = new Browser(services.gatewayUrl());
        assertThat(signInAtAcme(browser, "agent@acme.test").statusCode()).isEqualTo(200);
        assertThat(browser.cookiesFor(ACME_HOST, "/api/v1/settings").keySet())
                .as("a browser keeps it to /portal")
                .noneMatch(PortalSignInThroughKeycloakTest::isSessionCookie);
        Map<String, String> session = sessionCookies(browser);
        String before = api(LocalStack.userToken("admin@acme.test"))
                .get("/api/v1/settings")
                .header("ETag");

        // Sent anyway (a forged request, a cookie copied by hand), it is worth nothing on the API.
        Response read = given().baseUri(services.gatewayUrl())
                .header("Host", ACME_HOST)
                .cookies(session)
                .get("/api/v1/settings");
        assertProblem(read, 401);
        assertThat(read.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(
                given().baseUri(services.gatewayUrl())
                        .header("Host", ACME_HOST)
                        .cookies(session)
                        .header("If-Match", before)
                        .contentType("application/json")
                        .body(Map.of(
                                "displayName",
                                "Hijacked",
                                "defaultLocale",
                                "en",
                                "timeZone",
                                "Africa/Johannesburg",
                                "primaryColour",
                                "#000000"))
                        .put("/api/v1/settings"),
                401);
        Response after = api(LocalStack.userToken("admin@acme.test")).get("/api/v1/settings");
        assertThat(after.header("ETag")).as("settings untouched").isEqualTo(before);
        assertThat(after.jsonPath().getString("displayName")).isNotEqualTo("Hijacked");
    }

    @Test
    void aGlobexAgentSignedInAtKeycloakIsRefusedOnAcmesPortalAndServedOnGlobexs() {
        Browser browser = new Browser(services.gatewayUrl());

        Response onAcme = signInAtAcme(browser, "agent@globex.test");
        assertProblem(onAcme, 403);

        // Still signed in at Keycloak: on globex's own host the code flow needs no password again.
        SignIn onGlobex = signIn(browser, GLOBEX_HOST, null);
        Response home = browser.follow(onGlobex.callbackUrl(), onGlobex.callback());
        assertThat(home.statusCode()).as(home.asString()).isEqualTo(200);
        assertThat(home.asString()).contains("Welcome, Gerrit Globex");
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        Browser browser = new Browser(services.gatewayUrl());
        SignIn signIn = signIn(browser, ACME_HOST, "agent@acme.test");
        assertThat(browser.follow(signIn.callbackUrl(), signIn.callback()).statusCode())
                .isEqualTo(200);
        Response silently = browser.get(signIn.authorizeUrl());
        assertThat(silently.statusCode())
                .as("signed in at Keycloak, no form: %s", silently.asString())
                .isEqualTo(302);
        assertThat(silently.header("Location")).startsWith(PORTAL + "?").contains("code=");

        Map<String, String> copied = sessionCookies(browser);
        assertThat(copied).isNotEmpty();

        // A GET only asks to confirm (a link or an image elsewhere must not sign anyone out); the form posts.
        Response confirm = browser.get(PORTAL + "/logout");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.asString()).contains("method=\"post\"");
        assertThat(sessionCookies(browser)).as("still signed in").isNotEmpty();
        Response logout = browser.post(PORTAL + "/logout", "");
        assertThat(logout.statusCode()).as(logout.asString()).isEqualTo(302);
        String endSession = logout.header("Location");
        assertThat(endSession).startsWith(LocalStack.REALM + "/protocol/openid-connect/logout?");
        Map<String, String> parameters = Browser.query(endSession);
        assertThat(parameters)
                .containsEntry("post_logout_redirect_uri", PORTAL + "/signed-out")
                .containsKey("id_token_hint");
        assertThat(sessionCookies(browser)).as("the session cookie is dropped").isEmpty();

        // A copy of the session cookie (another tab or device) is worth nothing once its session signed out.
        Response replayed = given().baseUri(services.gatewayUrl())
                .header("Host", ACME_HOST)
                .cookies(copied)
                .redirects()
                .follow(false)
                .get("/portal");
        assertThat(replayed.statusCode()).as(replayed.asString()).isEqualTo(302);
        assertThat(replayed.header("Location")).isEqualTo("/portal");

        Response atKeycloak = browser.get(endSession);
        assertThat(atKeycloak.statusCode())
                .as("Keycloak's logout without a confirmation page: %s", atKeycloak.asString())
                .isEqualTo(302);
        assertThat(atKeycloak.header("Location")).startsWith(PORTAL + "/signed-out");
        assertThat(browser.cookie(KEYCLOAK_HOST, "KEYCLOAK_IDENTITY"))
                .as("Keycloak's session cookie")
                .isNull();

        Response signedOut = browser.follow(endSession, atKeycloak);
        assertThat(signedOut.statusCode()).as(signedOut.asString()).isEqualTo(200);
        assertThat(signedOut.asString()).contains("You are signed out");

        // The Keycloak session is over: the same authorization request now asks for the password again.
        Response loginAgain = browser.get(signIn.authorizeUrl());
        assertThat(loginAgain.statusCode()).isEqualTo(200);
        loginAction(loginAgain);
        assertThat(browser.get(PORTAL).statusCode())
                .as("no portal session either")
                .isEqualTo(302);
    }
}
