package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The local SMTP sink (GreenMail) accepts mail on 3025 and shows it through its REST API. */
class MailSinkTest {

    /** Speaks plain SMTP, as the notification service's mailer will; asserts each reply code. */
    private static void sendMail(String to, String subject) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", LocalStack.SMTP_PORT)) {
            socket.setSoTimeout(10_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            expect(in, "220");
            command(out, in, "EHLO comply360.test", "250");
            command(out, in, "MAIL FROM:<no-reply@comply360.test>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            command(
                    out,
                    in,
                    "From: no-reply@comply360.test\r\nTo: " + to + "\r\nSubject: " + subject
                            + "\r\n\r\nYour filing was received.\r\n.",
                    "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(Writer out, BufferedReader in, String line, String code) throws Exception {
        out.write(line + "\r\n");
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws Exception {
        String reply;
        do {
            reply = in.readLine();
            assertThat(reply).as("SMTP reply").isNotNull().startsWith(code);
        } while (reply.charAt(3) == '-');
    }

    @Test
    void mailSentOverSmtpCanBeReadBack() throws Exception {
        String to = "client-" + System.nanoTime() + "@example.test";
        String subject = "Filing received " + System.nanoTime();
        sendMail(to, subject);
        List<MailSink.Mail> received =
                await().atMost(Duration.ofSeconds(10)).until(() -> MailSink.messagesTo(to), mails -> !mails.isEmpty());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).subject()).isEqualTo(subject);
        assertThat(received.get(0).text()).contains("Your filing was received.");
    }
}
