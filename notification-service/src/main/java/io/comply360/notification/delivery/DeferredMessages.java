package io.comply360.notification.delivery;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.platform.data.JobDiscovery;
import io.comply360.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * SMS held back by quiet hours: once their time has come, each is queued for delivery (in its own tenant's
 * transaction, the row locked and checked again, so replicas never queue one twice).
 */
@ApplicationScoped
public class DeferredMessages {

    private final JobDiscovery jobs;
    private final Outbox outbox;
    private final Clock clock;

    public DeferredMessages(JobDiscovery jobs, Outbox outbox, Clock clock) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(
            every = "${comply360.notification.deferred-every:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scan() {
        return release().replaceWithVoid();
    }

    /** Queues the held messages that are due; how many. */
    public Uni<Integer> release() {
        return jobs.processDue("deferred_messages_due", 200, this::queue);
    }

    private Uni<Boolean> queue(UUID tenantId, UUID messageId) {
        return Panache.getSession()
                .chain(session -> session.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE))
                .chain(message -> {
                    if (message == null
                            || !Status.QUEUED.equals(message.status)
                            || message.notBefore == null
                            || message.notBefore.isAfter(clock.instant())) {
                        return Uni.createFrom().item(false);
                    }
                    message.notBefore = null;
                    message.lastError = null;
                    message.updatedAt = clock.instant();
                    return outbox.publish(
                                    NotificationEvents.DELIVER,
                                    tenantId,
                                    message.id.toString(),
                                    new NotificationEvents.Deliver(message.id, message.channel))
                            .replaceWith(true);
                });
    }
}
