package io.comply360.notification.inapp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while this replica listens for inbox changes: otherwise its portals would miss live updates. */
@Readiness
@ApplicationScoped
public class LiveUpdatesCheck implements HealthCheck {

    private final LiveUpdates live;

    public LiveUpdatesCheck(LiveUpdates live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("live-updates")
                .status(live.listening())
                .withData("portals", live.connected())
                .build();
    }
}
