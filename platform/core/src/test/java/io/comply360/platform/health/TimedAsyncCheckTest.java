package io.comply360.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class TimedAsyncCheckTest {

    private static HealthCheckResponse check(Supplier<Uni<?>> probe) {
        return new TimedAsyncCheck() {
            @Override
            protected String name() {
                return "probe";
            }

            @Override
            protected Uni<?> probe() {
                return probe.get();
            }

            @Override
            protected Duration timeout() {
                return Duration.ofMillis(200);
            }
        }.call().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void answeringDependencyIsUp() {
        HealthCheckResponse response = check(() -> Uni.createFrom().item("ok"));
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsKey("tookMs");
    }

    @Test
    void failingDependencyIsDownWithTheReason() {
        HealthCheckResponse response = check(() -> Uni.createFrom().failure(new IllegalStateException("refused")));
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("error")).isEqualTo("IllegalStateException: refused");
    }

    @Test
    void hangingDependencyIsDownAfterTheTimeoutInsteadOfHangingTheProbe() {
        HealthCheckResponse response = check(() -> Uni.createFrom().nothing());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("error").toString()).contains("Timeout");
    }

    @Test
    void probeThatThrowsIsDown() {
        HealthCheckResponse response = check(() -> {
            throw new IllegalArgumentException("bad config");
        });
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
