package io.comply360.commission;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.ServiceBoundaries;
import io.comply360.platform.testkit.ServiceManifest;

/** This service's place in the system, checked on its classes (plain unit tests: milliseconds). */
class BoundariesTest {

    @Test
    void usesOnlyItsOwnCodeThePlatformsApiAndTheEventContracts() {
        ServiceBoundaries.check("io.comply360.commission");
    }

    @Test
    void agreesWithItsEntryInTheServiceManifest() {
        ServiceManifest.checkService("io.comply360.commission");
    }
}
