package io.comply360.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

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
 * dead-lettered; replaying that dead letter starts a new round of attempts (first on the primary again). A refused
 * address fails at once, and its replay sends nothing. A message found {@code sending} while its attempt is younger
 * than the handler's timeout is still in someone's hands (a wake-up delivered twice, as after a dropped connection):
 * it is left alone and the wake-up retried. Older, it was being sent when its process stopped: that attempt is marked
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
    private final Duration inFlight;

    public Dispatcher(
            TenantTransactions tx,
            EmailSender email,
            SmsProviders sms,
            Agencies agencies,
            NotificationConfig config,
            Clock clock,
            MeterRegistry metrics,
            @ConfigProperty(name = "comply360.messaging.retry-delays", defaultValue = "10S,1M,10M")
                    List<Duration> retryDelays,
            @ConfigProperty(name = "comply360.messaging.handler-timeout", defaultValue = "60S")
                    Duration handlerTimeout) {
        this.tx = tx;
        this.email = email;
        this.sms = sms;
        this.agencies = agencies;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.maxAttempts = retryDelays.size() + 1;
        // No call outlives its handler: the platform gives up on a handler after this long.
        this.inFlight = handlerTimeout;
    }

    /** A wake-up for a message whose attempt is still running elsewhere: retried later, nothing is sent now. */
    static final class StillSending extends RuntimeException {
        StillSending(UUID messageId, int attempt) {
            super("message " + messageId + " attempt " + attempt + " is still being sent", null, false, false);
        }
    }

    /**
     * A claimed attempt: the message as it was claimed, the attempt's number, its place in the current round
     * (1-based) and the provider it goes to ({@code sms} is the SMS provider's client, null for e-mail).
     */
    record Claim(Message message, int attempt, int inRound, String provider, TwilioClient sms) {}

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
                        .chain(message -> message == null
                                ? Uni.createFrom().nullItem()
                                : session.find(
                                                MessageAttempt.class,
                                                new MessageAttempt.Key(message.id, message.attempts))
                                        .chain(last -> claim(session, message, last))));
    }

    private Uni<Claim> claim(Mutiny.Session session, Message message, MessageAttempt last) {
        Instant now = clock.instant();
        boolean replayed = replayable(message, last);
        if (Status.settled(message.status) && !replayed) {
            return Uni.createFrom().nullItem(); // redelivered after it was sent, or refused: nothing new
        }
        if (message.notBefore != null && message.notBefore.isAfter(now)) {
            return Uni.createFrom().nullItem(); // quiet hours: the scheduler queues it when they end
        }
        if (Status.SENDING.equals(message.status) && last != null && "sending".equals(last.status)) {
            if (last.startedAt.plus(inFlight).isAfter(now)) {
                return Uni.createFrom().failure(new StillSending(message.id, last.attempt));
            }
            last.status = "unknown";
            last.error = "no outcome recorded: the process stopped during the call"
                    + " (the provider may have sent it; sending again)";
            last.finishedAt = now;
        }
        if (replayed) {
            Log.infof(
                    "Message %s failed after %d attempts and its dead letter was replayed: a new round",
                    message.id, message.attempts);
            message.roundStart = message.attempts;
        }
        int attempt = message.attempts + 1;
        int inRound = attempt - message.roundStart;
        TwilioClient client = message.channel.equals("sms") ? sms.forAttempt(inRound) : null;
        String provider = client == null ? EmailSender.PROVIDER : client.name();
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
                .replaceWith(new Claim(message, attempt, inRound, provider, client));
    }

    /**
     * A message that failed after all its round's attempts, none refused and none taken by a provider: its wake-up was
     * dead-lettered, and this is that dead letter replayed by an operator.
     */
    private boolean replayable(Message message, MessageAttempt last) {
        return Status.FAILED.equals(message.status)
                && message.providerMessageId == null
                && message.attempts - message.roundStart >= maxAttempts
                && last != null
                && "failed".equals(last.status);
    }

    private Uni<String> call(Claim claim) {
        Message message = claim.message();
        if (message.channel.equals("email")) {
            return agencies.of(message.tenantId).chain(agency -> email.send(message, agency));
        }
        String callback = config.publicUrl().replaceAll("/+$", "") + "/webhooks/sms/" + claim.provider() + "/"
                + message.tenantId + "/" + message.id;
        return sms.send(claim.sms(), message.address, message.body, callback);
    }

    /** Records an attempt's outcome; what the delivery must fail with once it is committed, or null. */
    private Uni<Throwable> record(Claim claim, String providerId, Throwable failure) {
        Instant now = clock.instant();
        return Panache.getSession()
                // Locked: a provider's callback for this message may be committing at the same time.
                .chain(session -> session.find(Message.class, claim.message().id, LockModeType.PESSIMISTIC_WRITE)
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
                                        attempt.status = "refused";
                                        message.status = Status.FAILED;
                                        count(message, "refused");
                                        // The address is wrong: nothing to retry or replay.
                                        return session.flush().replaceWith((Throwable) null);
                                    }
                                    if (claim.inRound() >= maxAttempts) {
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
