package io.comply360.platform.testkit;

import java.util.UUID;

/**
 * A tenant that exists for one test only: a fresh id and a unique slug, so tests never depend on an empty
 * database or on each other.
 */
public record TestTenant(UUID id, String slug) {

    public static TestTenant create() {
        UUID id = UUID.randomUUID();
        return new TestTenant(id, "t-" + id.toString().substring(0, 8));
    }

    public String token(String role) {
        return TestTokens.token(role, id);
    }
}
