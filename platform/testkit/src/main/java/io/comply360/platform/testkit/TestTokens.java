package io.comply360.platform.testkit;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Real signed access tokens shaped like Keycloak's for realm {@code comply360}: {@code sub},
 * {@code realm_access.roles}, {@code tenant_id}, audience {@code comply360-api}. Variations produce each
 * way a token can be wrong (expired, wrong audience, foreign signer).
 */
public final class TestTokens {

    public static final String AUDIENCE = "comply360-api";

    private String subject = UUID.randomUUID().toString();
    private List<String> roles = List.of();
    private UUID tenantId;
    private String audience = AUDIENCE;
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
    private Instant issuedAt;
    private String issuer;
    private PrivateKey key = TestOidcServer.KEYS.getPrivate();
    private final Map<String, Object> extraClaims = new java.util.LinkedHashMap<>();

    private TestTokens() {}

    public static TestTokens builder() {
        return new TestTokens();
    }

    /** A REST Assured request sent with {@code token} as its bearer token; anonymous when it is null. */
    public static RequestSpecification as(String token) {
        return token == null ? RestAssured.given() : RestAssured.given().auth().oauth2(token);
    }

    /** A valid token for a user with {@code role} in {@code tenantId} (null: no tenant, e.g. platform admin). */
    public static String token(String role, UUID tenantId) {
        return builder().roles(role).tenant(tenantId).build();
    }

    public TestTokens subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TestTokens roles(String... roles) {
        this.roles = List.of(roles);
        return this;
    }

    public TestTokens tenant(UUID tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    /** When the token was issued (default: 15 minutes before it expires). */
    public TestTokens issuedAt(Instant issuedAt) {
        this.issuedAt = issuedAt;
        return this;
    }

    public TestTokens expired() {
        this.expiresAt = Instant.now().minus(Duration.ofMinutes(5));
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Any other claim (e.g. {@code name}, or {@code typ} to make an ID token). */
    public TestTokens claim(String name, Object value) {
        extraClaims.put(name, value);
        return this;
    }

    /** Signed by a key no trusted realm publishes. */
    public TestTokens signedByStranger() {
        this.key = TestOidcServer.STRANGER_KEYS.getPrivate();
        return this;
    }

    public String build() {
        var claims = Jwt.issuer(issuer != null ? issuer : TestOidcServer.issuer())
                .subject(subject)
                .audience(audience)
                .issuedAt(issuedAt != null ? issuedAt : expiresAt.minus(Duration.ofMinutes(15)))
                .expiresAt(expiresAt)
                .claim("typ", "Bearer")
                .claim("azp", "comply360-cli")
                .claim("realm_access", Map.of("roles", roles));
        if (tenantId != null) {
            claims.claim("tenant_id", tenantId.toString());
        }
        extraClaims.forEach(claims::claim);
        return claims.jws().keyId(TestOidcServer.KEY_ID).sign(key);
    }
}
