package io.comply360.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The breaker's parameters mean what MicroProfile Fault Tolerance's {@code @CircuitBreaker} means by them. */
class CircuitBreakerTest {

    private static final String SERVICE = "tenant";

    /** Parameters other than the configuration's. */
    private record Parameters(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold)
            implements GatewayConfig.CircuitBreaker {}

    private static CircuitBreaker breaker(
            int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold) {
        return new CircuitBreaker(
                new Parameters(requestVolumeThreshold, failureRatio, delay, successThreshold),
                new SimpleMeterRegistry());
    }

    private static void calls(CircuitBreaker breaker, String outcomes) {
        for (char outcome : outcomes.toCharArray()) {
            assertThat(breaker.allow(SERVICE)).as("closed before %s", outcomes).isTrue();
            if (outcome == 'F') {
                breaker.failure(SERVICE);
            } else if (outcome == 'S') {
                breaker.success(SERVICE);
            } else {
                breaker.neutral(SERVICE);
            }
        }
    }

    @Test
    void theDefaultsOpenAfterFiveFailuresInARow() {
        CircuitBreaker breaker = breaker(5, 1, Duration.ofSeconds(10), 1);
        calls(breaker, "FFFFSFFFNF");
        assertThat(breaker.isOpen(SERVICE))
                .as("a success in between, a neutral outcome counts for nothing")
                .isFalse();
        calls(breaker, "F");
        assertThat(breaker.isOpen(SERVICE)).isTrue();
        assertThat(breaker.allow(SERVICE)).as("fails fast for its delay").isFalse();
    }

    @Test
    void itOpensWhenTheFailureRatioOfTheRollingWindowIsReached() {
        CircuitBreaker breaker = breaker(4, 0.5, Duration.ofSeconds(10), 1);
        calls(breaker, "F");
        assertThat(breaker.isOpen(SERVICE)).as("not before the window is full").isFalse();
        calls(breaker, "SSSFS");
        assertThat(breaker.isOpen(SERVICE)).as("1 of the last 4 failed").isFalse();
        calls(breaker, "F");
        assertThat(breaker.isOpen(SERVICE)).as("2 of the last 4 failed").isTrue();
    }

    @Test
    void halfOpenItLetsOneTrialThroughAtATimeAndClosesAfterTheSuccessThreshold() {
        CircuitBreaker breaker = breaker(2, 1, Duration.ZERO, 2);
        calls(breaker, "FF");
        assertThat(breaker.allow(SERVICE)).as("the first trial").isTrue();
        assertThat(breaker.allow(SERVICE)).as("one trial at a time").isFalse();
        breaker.success(SERVICE);
        assertThat(breaker.isOpen(SERVICE)).as("one success of two").isTrue();
        assertThat(breaker.allow(SERVICE)).isTrue();
        breaker.success(SERVICE);
        assertThat(breaker.isOpen(SERVICE)).isFalse();
        calls(breaker, "F");
        assertThat(breaker.isOpen(SERVICE)).as("closing starts a new window").isFalse();
    }

    @Test
    void aFailedTrialOpensItAgain() {
        CircuitBreaker breaker = breaker(1, 1, Duration.ZERO, 1);
        calls(breaker, "F");
        assertThat(breaker.allow(SERVICE)).isTrue();
        breaker.failure(SERVICE);
        assertThat(breaker.isOpen(SERVICE)).isTrue();
        assertThat(breaker.allow(SERVICE)).isTrue();
        breaker.success(SERVICE);
        assertThat(breaker.isOpen(SERVICE)).isFalse();
    }
}
