package io.comply360.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

/**
 * Which SMTP failures are the address's fault (failed at once) and which are the server's or our settings' (retried,
 * then dead-lettered and replayable). The failures are built as Vert.x' mail client builds them: its stage, then the
 * server's reply.
 */
class EmailFailuresTest {

    private static SMTPException smtp(String stage, int code, String reply) {
        return new SMTPException(stage, code, List.of(code + " " + reply), true);
    }

    private static DeliveryFailure.Kind kindOf(Throwable failure) {
        return ((DeliveryFailure) EmailSender.classify(failure)).kind();
    }

    @Test
    void aMailboxRefusedForGoodIsTheAddressesFault() {
        assertThat(kindOf(smtp("recipient address not accepted", 550, "5.1.1 No such user")))
                .isEqualTo(DeliveryFailure.Kind.RECIPIENT);
        assertThat(kindOf(smtp("recipient address not accepted", 553, "5.1.3 Bad recipient address syntax")))
                .isEqualTo(DeliveryFailure.Kind.RECIPIENT);
        // Wrapped as the mailer hands it over.
        assertThat(kindOf(new CompletionException(smtp("recipient address not accepted", 551, "5.1.6 moved"))))
                .isEqualTo(DeliveryFailure.Kind.RECIPIENT);
    }

    @Test
    void aRefusedSenderRelayingDeniedOrATemporaryRefusalIsRetried() {
        assertThat(kindOf(smtp("sender address not accepted", 553, "5.7.1 Sender address rejected: not owned")))
                .isEqualTo(DeliveryFailure.Kind.TRANSIENT);
        assertThat(kindOf(smtp("sender address not accepted", 550, "5.7.1 Relaying denied")))
                .isEqualTo(DeliveryFailure.Kind.TRANSIENT);
        assertThat(kindOf(smtp("recipient address not accepted", 450, "4.2.1 Mailbox busy, try later")))
                .isEqualTo(DeliveryFailure.Kind.TRANSIENT);
        assertThat(kindOf(smtp("DATA command not accepted", 554, "5.7.0 Transaction failed")))
                .isEqualTo(DeliveryFailure.Kind.TRANSIENT);
        assertThat(kindOf(new java.net.ConnectException("Connection refused")))
                .isEqualTo(DeliveryFailure.Kind.TRANSIENT);
    }
}
