package io.comply360.tenant.users;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.JobDiscovery;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Settles people changes whose attempt died and that nobody resumed (no retry, no later change of the agency):
 * every minute, those pending for more than two minutes, one agency's after the other.
 */
@ApplicationScoped
public class PeopleChangeRecovery {

    private static final int BATCH = 50;

    private final JobDiscovery jobs;
    private final UserService users;

    public PeopleChangeRecovery(JobDiscovery jobs, UserService users) {
        this.jobs = jobs;
        this.users = users;
    }

    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> settleStaleChanges() {
        return jobs.due("stale_people_changes", BATCH)
                .chain(stale -> Multi.createFrom()
                        .iterable(stale)
                        .onItem()
                        .transformToUniAndConcatenate(item -> users.settleStale(item.tenantId(), item.id())
                                .onFailure()
                                .recoverWithItem(failure -> {
                                    Log.warnf(
                                            "People change %s of tenant %s stays pending: %s",
                                            item.id(), item.tenantId(), failure.toString());
                                    return null;
                                }))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }
}
