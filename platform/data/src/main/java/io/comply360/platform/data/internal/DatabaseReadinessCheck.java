package io.comply360.platform.data.internal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Readiness;

import io.comply360.platform.health.TimedAsyncCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Readiness of a service means it can serve: its own database answers, as the application role. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck extends TimedAsyncCheck {

    private final Pool pool;

    public DatabaseReadinessCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    protected String name() {
        return "database";
    }

    @Override
    protected Uni<?> probe() {
        return pool.query("select 1").execute();
    }
}
