package io.comply360.gateway;

import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The test resources of every {@code @QuarkusTest} of the gateway, registered once for the module: a resource not
 * restricted to its class applies to all of them, wherever it is declared. Since none is restricted, the tests
 * share one application; a class with a resource or a test profile of its own gets one for itself.
 */
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Upstreams.class, restrictToAnnotatedClass = false)
final class TestResources {

    private TestResources() {}
}
