package io.comply360.document;

import io.comply360.platform.testkit.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String[] publicPaths() {
        return new String[] {"/api/v1/documents"};
    }
}
