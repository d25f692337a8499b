package io.comply360.notification.inapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Whether this replica listens for inbox changes, and how many portals it serves: metrics, not readiness (readiness
 * is the service's own database, docs/architecture.md, "Operations"). A listener that lost its connection reconnects
 * every second and then tells every portal to read its inbox anew.
 */
@ApplicationScoped
public class LiveUpdatesMetrics {

    void register(@Observes StartupEvent ignored, LiveUpdates live, MeterRegistry metrics) {
        Gauge.builder("comply360.notification.live.listening", live, l -> l.listening() ? 1 : 0)
                .description("1 while this replica listens for inbox changes, else 0")
                .strongReference(true)
                .register(metrics);
        Gauge.builder("comply360.notification.live.portals", live, LiveUpdates::connected)
                .description("Portals (SSE streams) this replica serves")
                .strongReference(true)
                .register(metrics);
    }
}
