package io.comply360.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RequestBounds;

/** Every string and collection a client can send to notification-service is bounded, so validation stays cheap. */
class RequestBoundsTest {

    @Test
    void everyStringAndCollectionOfEveryRequestBodyHasAnUpperBound() {
        assertThat(RequestBounds.unbounded("io.comply360.notification")).isEmpty();
    }
}
