package io.comply360.tenant;

import io.comply360.platform.testkit.OperationsContract;
import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = false)
class OperationsTest extends OperationsContract {

    @Override
    protected String[] publicPaths() {
        return new String[] { "/api/v1/settings", "/api/v1/tenants" };
    }
}
