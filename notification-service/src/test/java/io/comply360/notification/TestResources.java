package io.comply360.notification;

import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The test resources every {@code @QuarkusTest} of this module shares, registered once: Quarkus applies a
 * resource declared with {@code restrictToAnnotatedClass = false} on any test class to all of them.
 */
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Upstreams.class, restrictToAnnotatedClass = false)
final class TestResources {

    private TestResources() {}
}
