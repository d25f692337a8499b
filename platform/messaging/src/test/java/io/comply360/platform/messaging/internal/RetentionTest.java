package io.comply360.platform.messaging.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final List<Duration> STEPS =
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10));

    @Test
    void anInboxKeptNoLongerThanTheRetryStepsPlusTheDlqTtlIsRefused() {
        assertThatThrownBy(() ->
                        Retention.requireInboxOutlastsDeadLetters(Duration.ofDays(14), STEPS, Duration.ofDays(14)))
                .hasMessageContaining("keep-inbox");
        assertThatThrownBy(() -> Retention.requireInboxOutlastsDeadLetters(
                        Duration.ofDays(14).plusSeconds(670), STEPS, Duration.ofDays(14)))
                .as("exactly a dead letter's life is not enough")
                .hasMessageContaining("keep-inbox");
        assertThatCode(() -> Retention.requireInboxOutlastsDeadLetters(Duration.ofDays(30), STEPS, Duration.ofDays(14)))
                .doesNotThrowAnyException();
    }
}
