package io.comply360.commission;

import io.comply360.platform.testkit.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String[] publicPaths() {
        return new String[] {"/api/v1/commissions", "/api/v1/rate-cards", "/api/v1/settlements", "/api/v1/odoo/settings"
        };
    }
}
