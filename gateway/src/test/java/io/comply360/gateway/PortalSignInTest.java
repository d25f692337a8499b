package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The portal's sign-in: authorization code flow with PKCE, an encrypted session cookie, the user's own
 * access token forwarded to services, sign-out — and the session cookie is worth nothing on {@code /api/**}.
 */
@QuarkusTest
class PortalSignInTest {

    private static final String ACME_HOST = "acme.localhost:8080";

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
        Upstreams.server.stubFor(get(urlEqualTo("/api/v1/settings"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"displayName":"Acme Registrations","defaultLocale":"en","timeZone":"Africa/Johannesburg","version":3}
                        """)));
    }

    /** Follows the code flow the way a browser does; returns the cookies of the signed-in session. */
    static Map<String, String> signIn(String host) {
        Response start = given().redirects().follow(false).header("Host", host).get("/portal");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.header("Location");
        assertThat(authorize)
                .startsWith(TestOidcServer.issuer() + "/protocol/openid-connect/auth")
                .contains("client_id=comply360-gateway")
                .contains("code_challenge_method=S256")
                .contains("redirect_uri=http%3A%2F%2F" + host.replace(":", "%3A") + "%2Fportal");
        Map<String, String> cookies = new HashMap<>(start.getCookies());

        Response provider = given().redirects().follow(false).get(authorize);
        URI back = URI.create(provider.header("Location"));
        assertThat(back.getHost() + ":" + back.getPort())
                .as(provider.statusLine() + " " + back)
                .isEqualTo(host);

        Response callback = given().redirects()
                .follow(false)
                .header("Host", host)
                .cookies(cookies)
                .get(back.getRawPath() + "?" + back.getRawQuery());
        assertThat(callback.statusCode())
                .as("code exchanged, back to the page asked for")
                .isEqualTo(302);
        assertThat(callback.header("Location")).endsWith("/portal");
        cookies.putAll(callback.getCookies());
        assertThat(cookies).containsKey("q_session_portal");
        assertThat(callback.getDetailedCookie("q_session_portal").getPath()).isEqualTo("/portal");
        assertThat(callback.getDetailedCookie("q_session_portal").isHttpOnly()).isTrue();
        return cookies;
    }

    @Test
    void anAgentSignsInAndSeesTheirAgencyReadWithTheirOwnToken() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = signIn(ACME_HOST);

        Response home = given().header("Host", ACME_HOST).cookies(session).get("/portal");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        assertThat(home.body().asString())
                .contains("Acme Registrations")
                .contains("Welcome, Ada Agent")
                .contains("agent");
        // The session cookie is encrypted (compact JWE: five parts, a header naming the content encryption).
        String[] jwe = session.get("q_session_portal").split("\\.");
        assertThat(jwe).hasSize(5);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(jwe[0]))).contains("\"enc\"");
        Upstreams.server.verify(getRequestedFor(urlEqualTo("/api/v1/settings"))
                .withHeader("Authorization", matching("Bearer eyJ[^.]+\\.[^.]+\\.[^.]+")));
    }

    @Test
    void aSessionWhoseTokensNearExpiryIsRefreshedWithoutSigningInAgain() {
        // Tokens that live 30 s are within the refresh skew (1 min): the next page refreshes them.
        TestOidcServer.signInAs(
                "comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME), Duration.ofSeconds(30));
        Map<String, String> session = signIn(ACME_HOST);
        long refreshes = TestOidcServer.tokenRequests("refresh_token");

        Response home = given().redirects()
                .follow(false)
                .header("Host", ACME_HOST)
                .cookies(session)
                .get("/portal");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(TestOidcServer.tokenRequests("refresh_token")).isEqualTo(refreshes + 1);
        assertThat(home.getCookies())
                .as("the refreshed tokens are put in a new session cookie")
                .containsKey("q_session_portal");
    }

    @Test
    void theSessionCookieAloneDoesNotAuthoriseTheApi() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "tenant_admin", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = signIn(ACME_HOST);
        Upstreams.server.resetRequests();

        assertProblem(given().header("Host", ACME_HOST).cookies(session).get("/api/v1/settings"), 401);
        assertProblem(
                given().header("Host", ACME_HOST)
                        .cookies(session)
                        .contentType("application/json")
                        .body("{\"displayName\":\"Hijacked\"}")
                        .put("/api/v1/settings"),
                401);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isEmpty();
    }

    @Test
    void aUserOfAnotherAgencyIsRefusedOnThisAgencysPortal() {
        TestOidcServer.signInAs("comply360-gateway", "Gus Globex", "agent", UUID.fromString(Upstreams.GLOBEX));
        Map<String, String> session = signIn(ACME_HOST);
        assertProblem(given().header("Host", ACME_HOST).cookies(session).get("/portal"), 403);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isEmpty();
    }

    @Test
    void signingOutIsAPostThatEndsTheSessionAtTheProviderToo() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = signIn(ACME_HOST);
        assertThat(given().header("Host", ACME_HOST)
                        .cookies(session)
                        .get("/portal")
                        .body()
                        .asString())
                .as("the sign-out button posts")
                .contains("<form method=\"post\" action=\"/portal/logout\">");

        Response logout = given().redirects()
                .follow(false)
                .header("Host", ACME_HOST)
                .header("Origin", "http://" + ACME_HOST)
                .cookies(session)
                .post("/portal/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.header("Location"))
                .startsWith(TestOidcServer.issuer() + "/protocol/openid-connect/logout")
                .contains("post_logout_redirect_uri=http%3A%2F%2Facme.localhost%3A8080%2Fportal%2Fsigned-out");
        assertThat(logout.getDetailedCookie("q_session_portal").getMaxAge()).isZero();
        assertThat(logout.getDetailedCookie("q_post_logout_portal"))
                .as("the post-logout state cookie")
                .isNotNull();
        assertThat(logout.headers().getValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax"));
        assertThat(logout.header("Cache-Control")).isEqualTo("no-store");

        // A copy of the signed-out session's cookie (another tab, another device) no longer works.
        Response replayed = given().redirects()
                .follow(false)
                .header("Host", ACME_HOST)
                .cookies(session)
                .get("/portal");
        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.header("Location")).isEqualTo("/portal");
        assertThat(replayed.getDetailedCookie("q_session_portal").getMaxAge()).isZero();
        assertThat(replayed.headers().getValues("Set-Cookie"))
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax"));

        Response signedOut = given().header("Host", ACME_HOST).get("/portal/signed-out");
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(signedOut.body().asString()).contains("You are signed out");
        assertThat(signedOut.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void openingTheSignOutAddressSignsNobodyOutButAsksToConfirm() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = signIn(ACME_HOST);

        // A link or an image on some page (a cross-site GET) must not end the session.
        Response opened = given().header("Host", ACME_HOST).cookies(session).get("/portal/logout");
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.contentType()).startsWith("text/html");
        assertThat(opened.body().asString()).contains("<form method=\"post\" action=\"/portal/logout\">");
        assertThat(opened.getDetailedCookie("q_session_portal"))
                .as("the session cookie is left alone")
                .isNull();
        assertThat(given().redirects()
                        .follow(false)
                        .header("Host", ACME_HOST)
                        .cookies(session)
                        .get("/portal")
                        .statusCode())
                .isEqualTo(200);
        // A form posted from another site is refused too (the session cookie is SameSite=Lax; the origin is checked).
        Response foreign = given().redirects()
                .follow(false)
                .header("Host", ACME_HOST)
                .header("Origin", "https://evil.example")
                .cookies(session)
                .post("/portal/logout");
        assertProblem(foreign, 403);
        assertThat(given().redirects()
                        .follow(false)
                        .header("Host", ACME_HOST)
                        .cookies(session)
                        .get("/portal")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void portalPagesAreNeverCached() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Response home =
                given().header("Host", ACME_HOST).cookies(signIn(ACME_HOST)).get("/portal");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aBrokenSessionCookieSendsTheBrowserToSignInAgain() {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = signIn(ACME_HOST);
        session.put("q_session_portal", session.get("q_session_portal").substring(0, 60) + "tampered");

        Response page = given().redirects()
                .follow(false)
                .header("Host", ACME_HOST)
                .cookies(session)
                .get("/portal");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/portal");
        assertThat(page.getDetailedCookie("q_session_portal").getMaxAge())
                .as("the broken cookie is cleared")
                .isZero();
        Response again =
                given().redirects().follow(false).header("Host", ACME_HOST).get("/portal");
        assertThat(again.header("Location")).startsWith(TestOidcServer.issuer() + "/protocol/openid-connect/auth");
    }

    @Test
    void anAgencyWithoutADisplayNameIsShownByItsAddress() {
        Upstreams.server.stubFor(get(urlEqualTo("/api/v1/settings"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"displayName\":null,\"version\":0}")));
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        String page = given().header("Host", ACME_HOST)
                .cookies(signIn(ACME_HOST))
                .get("/portal")
                .body()
                .asString();
        assertThat(page).contains("<strong>acme</strong>").contains("Signed in as agent.");
    }

    @Test
    void theBareAddressLeadsToThePortalAndAStrangerToTheSignIn() {
        Response root =
                given().redirects().follow(false).header("Host", ACME_HOST).get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.header("Location")).endsWith("/portal");
        Response portal =
                given().redirects().follow(false).header("Host", ACME_HOST).get("/portal");
        assertThat(portal.statusCode()).isEqualTo(302);
        assertThat(portal.header("Location")).startsWith(TestOidcServer.issuer());
    }
}
