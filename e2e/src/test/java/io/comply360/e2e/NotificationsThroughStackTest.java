package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * notification-service in the running stack: a document the OCR worker rejects reaches its agent — live in the
 * portal's stream through the gateway, in the inbox, and by e-mail (GreenMail) — looked up in tenant-service and
 * registration-service at send time; the agency's delivery log shows it, another agency's does not.
 */
class NotificationsThroughStackTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static RequestSpecification at(String host, String token) {
        return services.at(host, token);
    }

    @Test
    void aRejectedDocumentReachesItsAgentLiveInTheInboxAndByEmail() throws Exception {
        String agent = LocalStack.userToken("agent@acme.test");
        String admin = LocalStack.userToken("admin@acme.test");
        int mailsBefore = MailSink.messagesTo("agent@acme.test").size();

        try (Stream stream = Stream.open(services.gatewayUrl(), ACME_HOST, agent)) {
            assertThat(stream.status()).as("the stream through the gateway").isEqualTo(200);
            assertThat(stream.next("unread", Duration.ofSeconds(10)))
                    .as("the count at once")
                    .isNotNull();

            // A director's ID copy showing another ID number than the filing's: the worker rejects it.
            String filing = DocumentsThroughStackTest.privateCompanyFiling(agent);
            JsonNode director = firstDirectorWithId(agent, filing);
            byte[] contradicting = DocumentsThroughStackTest.textPdf(DocumentsThroughStackTest.idCopy(
                    director.path("surname").asText(),
                    director.path("firstNames").asText(),
                    DocumentsThroughStackTest.ANOTHER_ID_NUMBER));
            Response uploaded = DocumentsThroughStackTest.upload(
                    agent, filing, director.path("personId").asText(), "id-copy.pdf", contradicting);
            assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(201);
            String document = uploaded.jsonPath().getString("id");
            assertThat(DocumentsThroughStackTest.decided(agent, document)
                            .path("status")
                            .asText())
                    .isEqualTo("REJECTED");

            // Live, through the gateway's stream route.
            String event = stream.next("notification", Duration.ofSeconds(30));
            assertThat(event).as("a notification event on the agent's stream").isNotNull();
            JsonNode notification = JSON.readTree(event);
            assertThat(notification.path("kind").asText()).isEqualTo("document.rejected");
            assertThat(notification.path("title").asText()).startsWith("Document rejected on ");
            assertThat(notification.path("link").asText()).isEqualTo("/registrations/" + filing);

            // In the inbox, and read.
            Response inbox = at(ACME_HOST, agent).queryParam("unread", true).get("/api/v1/notifications");
            assertThat(inbox.statusCode()).as(inbox.asString()).isEqualTo(200);
            assertThat(inbox.jsonPath().getList("items.id", String.class))
                    .contains(notification.path("id").asText());
            assertThat(at(ACME_HOST, agent)
                            .post("/api/v1/notifications/"
                                    + notification.path("id").asText() + "/read")
                            .statusCode())
                    .isEqualTo(204);
            assertProblem(
                    at(GLOBEX_HOST, LocalStack.userToken("agent@globex.test"))
                            .post("/api/v1/notifications/"
                                    + notification.path("id").asText() + "/read"),
                    404);
        }

        // By e-mail, through SMTP.
        List<MailSink.Mail> mails = await().atMost(Duration.ofSeconds(60))
                .until(() -> MailSink.messagesTo("agent@acme.test"), m -> m.size() > mailsBefore);
        assertThat(mails.get(mails.size() - 1).subject()).startsWith("Document rejected on ");

        // The agency's delivery log shows both messages; another agency's does not.
        Response log = at(ACME_HOST, admin)
                .queryParam("workflow", "document.rejected")
                .queryParam("limit", 50)
                .get("/api/v1/notification-deliveries");
        assertThat(log.statusCode()).as(log.asString()).isEqualTo(200);
        assertThat(log.jsonPath().getList("items.channel", String.class)).contains("in_app", "email");
        String messageId = log.jsonPath().getString("items[0].id");
        assertProblem(
                at(GLOBEX_HOST, LocalStack.userToken("admin@globex.test"))
                        .get("/api/v1/notification-deliveries/" + messageId),
                404);
        assertProblem(at(ACME_HOST, agent).get("/api/v1/notification-deliveries"), 403);
    }

    private static JsonNode firstDirectorWithId(String agent, String filing) {
        JsonNode directors = at(ACME_HOST, agent)
                .get("/api/v1/registrations/" + filing)
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class)
                .path("data")
                .path("directors")
                .path("directors");
        for (JsonNode director : directors) {
            if (director.hasNonNull("idNumber")) {
                return director;
            }
        }
        throw new AssertionError("No director with an ID number in " + directors);
    }

    /**
     * A portal's EventSource through the gateway, over a plain socket (the JDK's client may not send a Host
     * header): the events' data by name, as they arrive.
     */
    private static final class Stream implements AutoCloseable {

        private final Socket socket;
        private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        private final int status;

        private Stream(Socket socket, int status) {
            this.socket = socket;
            this.status = status;
        }

        static Stream open(String gateway, String host, String token) throws Exception {
            URI uri = URI.create(gateway);
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/notifications/stream HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                            + token + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Stream stream = new Stream(socket, status);
            Thread reader = new Thread(() -> stream.read(in), "e2e-sse");
            reader.setDaemon(true);
            reader.start();
            return stream;
        }

        /** Reads the events, skipping headers and the chunk sizes of the chunked encoding. */
        private void read(BufferedReader in) {
            String name = "message";
            List<String> data = new ArrayList<>();
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        events.add(new String[] {name, String.join("\n", data)});
                        name = "message";
                        data = new ArrayList<>();
                    }
                }
            } catch (java.io.IOException closed) {
                // the stream was closed
            }
        }

        int status() {
            return status;
        }

        /** The data of the next event named {@code name} within {@code timeout}, or null. */
        String next(String name, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String[] event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null && event[0].equals(name)) {
                    return event[1];
                }
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
