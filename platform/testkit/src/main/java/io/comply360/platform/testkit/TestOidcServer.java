package io.comply360.platform.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenID provider for tests, shaped like Keycloak realm {@code comply360}: discovery document and JWKS
 * served over HTTP on a free loopback port, tokens signed with its RSA key (see {@link TestTokens}).
 * Services validate these tokens exactly as they validate Keycloak's: signature, issuer, expiry, audience.
 * Use with {@code @QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)}.
 */
public class TestOidcServer implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "comply360";
    public static final String KEY_ID = "comply360-test-key";

    static final KeyPair KEYS = generate();
    /** A key of no realm we trust: tokens signed with it must be refused. */
    static final KeyPair STRANGER_KEYS = generate();

    private static volatile WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(
                    wireMockConfig().bindAddress("127.0.0.1").dynamicPort().templatingEnabled(true));
            server.start();
            stub(server);
        }
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer(),
                "quarkus.oidc.client-id", "comply360-api",
                "quarkus.oidc.discovery-enabled", "true");
    }

    /**
     * The user the next authorization code flow signs in (the provider's login page is skipped: its
     * authorization endpoint redirects straight back with a code). Tokens: an ID token for
     * {@code clientId} with the user's name, and an access token for the API with the role and tenant.
     */
    public static void signInAs(String clientId, String name, String role, UUID tenantId) {
        signInAs(clientId, name, role, tenantId, Duration.ofMinutes(10));
    }

    /** As {@link #signInAs(String, String, String, UUID)}, with tokens that expire after {@code lifetime}. */
    public static void signInAs(String clientId, String name, String role, UUID tenantId, Duration lifetime) {
        String subject = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(lifetime);
        String idToken = TestTokens.builder()
                .subject(subject)
                .audience(clientId)
                .roles(role)
                .tenant(tenantId)
                .claim("name", name)
                .claim("typ", "ID")
                .claim("sid", UUID.randomUUID().toString())
                .expiresAt(expires)
                .build();
        String accessToken = TestTokens.builder()
                .subject(subject)
                .roles(role)
                .tenant(tenantId)
                .expiresAt(expires)
                .build();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlEqualTo("/realms/" + REALM + "/protocol/openid-connect/token"))
                .withRequestBody(matching(".*grant_type=(authorization_code|refresh_token).*"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"access_token":"%s","id_token":"%s","refresh_token":"refresh-%s","token_type":"Bearer",
                         "expires_in":%d,"refresh_expires_in":1800}
                        """.formatted(accessToken, idToken, subject, lifetime.toSeconds()))));
    }

    /** How many token requests with this grant type the provider has answered so far. */
    public static long tokenRequests(String grantType) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/protocol/openid-connect/token"))
                .filter(e -> e.getRequest().getBodyAsString().contains("grant_type=" + grantType))
                .count();
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM; WireMock's threads die with the JVM.
    }

    /** The issuer URL, i.e. the realm URL; tokens carry it in {@code iss}. */
    public static String issuer() {
        if (server == null) {
            throw new IllegalStateException("TestOidcServer is not started: add it as a @QuarkusTestResource");
        }
        return "http://127.0.0.1:" + server.port() + "/realms/" + REALM;
    }

    private static void stub(WireMockServer wireMock) {
        // Client credentials for services' own accounts: a token with role "service" and no tenant.
        String serviceToken = TestTokens.builder()
                .roles("service")
                .subject("service-account")
                .expiresAt(java.time.Instant.now().plus(java.time.Duration.ofHours(12)))
                .build();
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlEqualTo("/realms/" + REALM + "/protocol/openid-connect/token"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"access_token":"%s","token_type":"Bearer","expires_in":43200}
                        """.formatted(serviceToken))));
        String issuer = "http://127.0.0.1:" + wireMock.port() + "/realms/" + REALM;
        String oidc = issuer + "/protocol/openid-connect";
        wireMock.stubFor(get(urlEqualTo("/realms/" + REALM + "/.well-known/openid-configuration"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"issuer":"%1$s","jwks_uri":"%2$s/certs","token_endpoint":"%2$s/token",
                         "authorization_endpoint":"%2$s/auth","userinfo_endpoint":"%2$s/userinfo",
                         "end_session_endpoint":"%2$s/logout","introspection_endpoint":"%2$s/token/introspect",
                         "id_token_signing_alg_values_supported":["RS256"]}
                        """.formatted(issuer, oidc))));
        // Authorization code flow: no login page, straight back to the client with a code (see signInAs), and
        // the end-session endpoint straight back to where the client asked.
        wireMock.stubFor(
                get(urlPathEqualTo("/realms/" + REALM + "/protocol/openid-connect/auth"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withTransformers("response-template")
                                        .withHeader(
                                                "Location",
                                                "{{{urlEncode request.query.redirect_uri decode=true}}}?code=test-code&state={{{request.query.state}}}")));
        wireMock.stubFor(get(urlPathEqualTo("/realms/" + REALM + "/protocol/openid-connect/logout"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withTransformers("response-template")
                        .withHeader("Location", "{{{urlEncode request.query.post_logout_redirect_uri decode=true}}}")));
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        wireMock.stubFor(get(urlEqualTo("/realms/" + REALM + "/protocol/openid-connect/certs"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"keys":[{"kid":"%s","kty":"RSA","alg":"RS256","use":"sig","n":"%s","e":"%s"}]}
                        """.formatted(
                                        KEY_ID, base64Url(key.getModulus()), base64Url(key.getPublicExponent())))));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
