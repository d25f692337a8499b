package io.comply360.tenant;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Every test starts with the Keycloak client's circuit breakers closed: a test that makes Keycloak fail opens them
 * for the whole application (they outlive a test class), and the next test, whatever its order, must not meet a
 * Keycloak that fails fast. Registered for every test of the module in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class ClosedBreakers implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var breakers = Arc.container().instance(CircuitBreakerMaintenance.class);
        if (breakers.isAvailable()) {
            breakers.get().resetAll();
        }
    }
}
