package io.comply360.registration;

import io.comply360.platform.testkit.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String[] publicPaths() {
        return new String[] {"/api/v1/clients", "/api/v1/wizards", "/api/v1/registrations"};
    }
}
