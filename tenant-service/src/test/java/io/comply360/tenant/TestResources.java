package io.comply360.tenant;

import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The test resources every {@code @QuarkusTest} of tenant-service shares, declared once: Quarkus collects the
 * {@code @QuarkusTestResource} annotations of every class in the test sources, and an unrestricted one
 * ({@code restrictToAnnotatedClass = false}) serves all tests, started once for the run.
 */
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = false)
final class TestResources {

    private TestResources() {}
}
