package io.comply360.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.comply360.notification.config.NotificationConfig;
import io.comply360.notification.recipient.Agencies;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.data.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Hands one queued message to its provider. A short transaction claims it ({@code sending}, the attempt recorded
 * and committed before the call); the provider is called with no transaction open; a second short transaction
 * records the outcome. A transient failure is thrown, so the delivery queue's retry steps are the message's
 * retries (after the primary's attempts, the fallback provider's turn); after the last step the message is failed and
 * dead-lettered. A message found {@code sending} was being sent when its process stopped: that attempt is marked
 * {@code unknown} (the provider may have sent it) and the message is sent again — it may arrive twice, and the log
 * shows why.
 */
@ApplicationScoped
public class Dispatcher {

    private final TenantTransactions tx;
    private final EmailSender email;
    private final SmsProviders sms;
    private final Agencies agencies;
    private final NotificationConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int maxAttempts;

    public Dispatcher(
            TenantTransactions tx,
            EmailSender email,
            SmsProviders sms,
            Agencies agencies,
            NotificationConfig config,
            Clock clock,
            MeterRegistry metrics,
            @ConfigProperty(name = "comply360.messaging.retry-delays", defaultValue = "10S,1M,10M")
                    List<Duration> retryDelays) {
        this.tx = tx;
        this.email = email;
        this.sms = sms;
        this.agencies = agencies;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.maxAttempts = retryDelays.size() + 1;
    }

    /** A claimed attempt: the message as it was claimed and the provider it goes to. */
    record Claim(Message message, int attempt, String provider) {}

    public Uni<Void> deliver(UUID tenantId, UUID messageId) {
        return tx.inTenant(tenantId, () -> claim(messageId)).chain(claim -> {
            if (claim == null) {
                return Uni.createFrom().voidItem();
            }
            return call(claim)
                    .onItemOrFailure()
                    .transformToUni(
                            (providerId, failure) -> tx.inTenant(tenantId, () -> record(claim, providerId, failure))
                                    // Thrown after the outcome committed: the queue's next retry step, or its DLQ.
                                    .chain(rethrow -> rethrow == null
                                            ? Uni.createFrom().voidItem()
                                            : Uni.createFrom().failure(rethrow)));
        });
    }

    private Uni<Claim> claim(UUID messageId) {
        return Panache.getSession()
                .chain(session -> session.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(message -> {
                            if (message == null || Status.settled(message.status)) {
                                return Uni.createFrom().nullItem(); // redelivered after it was sent: nothing new
                            }
                            Instant now = clock.instant();
                            if (message.notBefore != null && message.notBefore.isAfter(now)) {
                                return Uni.createFrom()
                                        .nullItem(); // quiet hours: the scheduler queues it when they end
                            }
                            Uni<Void> interrupted = Status.SENDING.equals(message.status)
                                    ? session.find(
                                                    MessageAttempt.class,
                                                    new MessageAttempt.Key(message.id, message.attempts))
                                            .invoke(last -> {
                                                if (last != null && "sending".equals(last.status)) {
                                                    last.status = "unknown";
                                                    last.error =
                                                            "no outcome recorded: the process stopped during the call"
                                                                    + " (the provider may have sent it; sending again)";
                                                    last.finishedAt = now;
                                                }
                                            })
                                            .replaceWithVoid()
                                    : Uni.createFrom().voidItem();
                            return interrupted.chain(() -> {
                                int attempt = message.attempts + 1;
                                String provider = message.channel.equals("sms")
                                        ? sms.forAttempt(attempt).name()
                                        : EmailSender.PROVIDER;
                                message.attempts = attempt;
                                message.status = Status.SENDING;
                                message.provider = provider;
                                message.notBefore = null;
                                message.updatedAt = now;
                                MessageAttempt row = new MessageAttempt();
                                row.messageId = message.id;
                                row.tenantId = message.tenantId;
                                row.attempt = attempt;
                                row.provider = provider;
                                row.status = "sending";
                                row.startedAt = now;
                                return session.persist(row)
                                        .chain(session::flush)
                                        .replaceWith(new Claim(message, attempt, provider));
                            });
                        }));
    }

    private Uni<String> call(Claim claim) {
        Message message = claim.message();
        if (message.channel.equals("email")) {
            return agencies.of(message.tenantId).chain(agency -> email.send(message, agency));
        }
        TwilioClient provider = sms.forAttempt(claim.attempt());
        String callback = config.publicUrl().replaceAll("/+$", "") + "/webhooks/sms/" + provider.name() + "/"
                + message.tenantId + "/" + message.id;
        return sms.send(provider, message.address, message.body, callback);
    }

    /** Records an attempt's outcome; what the delivery must fail with once it is committed, or null. */
    private Uni<Throwable> record(Claim claim, String providerId, Throwable failure) {
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(session -> session.find(Message.class, claim.message().id)
                        .chain(message -> session.find(
                                        MessageAttempt.class, new MessageAttempt.Key(message.id, claim.attempt()))
                                .chain(attempt -> {
                                    attempt.finishedAt = now;
                                    message.updatedAt = now;
                                    if (failure == null) {
                                        attempt.status = "sent";
                                        attempt.providerMessageId = providerId;
                                        // A provider's callback may have come first: delivered stays delivered.
                                        if (!Status.DELIVERED.equals(message.status)
                                                && !Status.FAILED.equals(message.status)) {
                                            message.status = Status.SENT;
                                        }
                                        message.providerMessageId = providerId;
                                        message.sentAt = now;
                                        message.lastError = null;
                                        count(message, "sent");
                                        return session.flush().replaceWith((Throwable) null);
                                    }
                                    String error = DeliveryFailure.describe(failure);
                                    attempt.status = "failed";
                                    attempt.error = error;
                                    message.lastError = error;
                                    boolean recipient = failure instanceof DeliveryFailure d
                                            && d.kind() == DeliveryFailure.Kind.RECIPIENT;
                                    if (recipient) {
                                        message.status = Status.FAILED;
                                        count(message, "refused");
                                        // The address is wrong: nothing to retry or replay.
                                        return session.flush().replaceWith((Throwable) null);
                                    }
                                    if (claim.attempt() >= maxAttempts) {
                                        message.status = Status.FAILED;
                                        count(message, "failed");
                                        return session.flush()
                                                .replaceWith(new PermanentEventException("message " + message.id
                                                        + " failed after " + claim.attempt() + " attempts: " + error));
                                    }
                                    message.status = Status.QUEUED;
                                    count(message, "retried");
                                    Log.infof(
                                            "Message %s attempt %d on %s failed (%s): retrying",
                                            message.id, claim.attempt(), claim.provider(), error);
                                    return session.flush().replaceWith(failure);
                                })));
    }

    private void count(Message message, String outcome) {
        metrics.counter(
                        "comply360_notification_deliveries_total",
                        "channel",
                        message.channel,
                        "provider",
                        message.provider == null ? "none" : message.provider,
                        "outcome",
                        outcome)
                .increment();
    }
}
