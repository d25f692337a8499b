package io.comply360.notification.delivery;

import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.comply360.notification.config.NotificationConfig;
import io.comply360.notification.recipient.Agencies;
import io.comply360.notification.recipient.Agency;
import io.comply360.notification.template.Models;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * E-mail through SMTP (Quarkus Mailer): an HTML and a text part, from the agency's name, the logo inline. Its own
 * Message-ID is the provider id in the log. Bounded: a timeout per message and a breaker (SMTP down: messages wait
 * in their retry steps rather than each waiting for the timeout); retries are the delivery queue's.
 */
@ApplicationScoped
public class EmailSender {

    public static final String PROVIDER = "smtp";

    private final ReactiveMailer mailer;
    private final Agencies agencies;
    private final NotificationConfig config;

    public EmailSender(ReactiveMailer mailer, Agencies agencies, NotificationConfig config) {
        this.mailer = mailer;
        this.agencies = agencies;
        this.config = config;
    }

    /** Hands the message to the SMTP server; its Message-ID, or a {@link DeliveryFailure}. */
    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, skipOn = RecipientRefused.class)
    @CircuitBreakerName("smtp")
    public Uni<String> send(Message message, Agency agency) {
        String messageId = "<" + message.id + "@comply360>";
        Mail mail = Mail.withHtml(message.address, message.subject, message.html)
                .setText(message.body)
                .setFrom(quoted(agency.name()) + " <" + config.email().from() + ">")
                .addHeader("Message-ID", messageId)
                .addHeader("X-Comply360-Message", message.id.toString());
        Uni<Mail> withLogo = agency.logoVersion() == null
                        || message.html == null
                        || !message.html.contains("cid:" + Models.LOGO_CID)
                ? Uni.createFrom().item(mail)
                : agencies.logo(agency.tenantId(), agency.logoVersion())
                        .map(bytes -> mail.addInlineAttachment(
                                "logo", bytes, isPng(bytes) ? "image/png" : "image/jpeg", "<" + Models.LOGO_CID + ">"));
        return withLogo.chain(ready -> mailer.send(ready))
                .ifNoItem()
                .after(config.email().timeout())
                .failWith(() -> new TimeoutException(
                        "SMTP did not answer in " + config.email().timeout()))
                .onFailure()
                .transform(EmailSender::classify)
                .replaceWith(messageId);
    }

    /** How Vert.x' mail client begins the failure of a {@code RCPT TO} command. */
    private static final String RECIPIENT_STAGE = "recipient address not accepted";

    /** A refused address: not the server's fault, so it does not open the breaker. */
    public static final class RecipientRefused extends DeliveryFailure {
        RecipientRefused(String message) {
            super(Kind.RECIPIENT, message);
        }
    }

    /**
     * A permanent refusal of the recipient (at {@code RCPT TO}) is the address's fault: failed at once, not retried.
     * Everything else — a refused sender, relaying denied, authentication, a temporary refusal of the recipient — is
     * the server's or our settings' fault: retried, counted by the breaker, dead-lettered, and replayable.
     */
    static Throwable classify(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SMTPException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SMTPException smtp) {
            int code = smtp.getReplyCode();
            if (code >= 500 && String.valueOf(smtp.getMessage()).startsWith(RECIPIENT_STAGE)) {
                return new RecipientRefused("SMTP refused the address: " + smtp.getMessage());
            }
            return new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, "SMTP " + code + ": " + smtp.getMessage());
        }
        return failure instanceof DeliveryFailure
                ? failure
                : new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, DeliveryFailure.describe(failure));
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 4 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    /** The display name as an RFC 5322 quoted string (no header injection: line breaks cannot get in). */
    static String quoted(String name) {
        String clean = name.replaceAll("[\\r\\n\\t]", " ").replace("\\", "\\\\").replace("\"", "\\\"");
        return "\"" + clean + "\"";
    }
}
