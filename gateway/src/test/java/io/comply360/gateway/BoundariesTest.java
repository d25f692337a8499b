package io.comply360.gateway;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.ServiceBoundaries;

/** The dependency rule of docs/architecture.md on this service's classes (a plain unit test: milliseconds). */
class BoundariesTest {

    @Test
    void usesOnlyItsOwnCodeThePlatformsApiAndTheEventContracts() {
        ServiceBoundaries.check("io.comply360.gateway");
    }
}
