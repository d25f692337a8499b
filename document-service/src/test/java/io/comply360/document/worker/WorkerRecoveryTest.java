package io.comply360.document.worker;

import static io.comply360.document.Fixtures.decided;
import static io.comply360.document.Fixtures.eventTypes;
import static io.comply360.document.Fixtures.events;
import static io.comply360.document.Fixtures.sql;
import static io.comply360.document.Fixtures.uploaded;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.document.Fixtures;
import io.comply360.document.Fixtures.Agency;
import io.comply360.document.Pages;
import io.comply360.document.RegistrationServiceStub;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Jobs always end: a worker that died mid-job leaves its claim to expire and the sweeper queues the document again;
 * a job that keeps dying ends FAILED; a file the tools cannot read ends FAILED at once with its reason, and its
 * message waits in the DLQ. A replayed event finds the job done and does nothing.
 */
@QuarkusTest
class WorkerRecoveryTest {

    private static final List<String> LINES =
            Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", "8507140123080", "1985-07-14");

    @Inject
    Sweepers sweepers;

    @Inject
    OcrWorker worker;

    private final Agency agency = Fixtures.agency();
    private final RegistrationServiceStub.Filing filing =
            RegistrationServiceStub.filing(agency.tenant().id());
    private final UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", "8507140123080");

    private String verifiedDocument() {
        filing.publish();
        String id = uploaded(
                agency.agent(), Pages.textPdf(LINES), "id.pdf", "application/pdf", filing.id, "id_copy", thandi);
        assertThat(decided(agency.agent(), id).path("status").asText()).isEqualTo("VERIFIED");
        return id;
    }

    /** What a worker killed while reading leaves behind: PROCESSING, its claim run out, its delivery gone. */
    private void crashedWhileReading(String id, int attempts) {
        sql(
                agency.tenant().id(),
                "update documents set status = 'PROCESSING', attempts = ?, lease_until = now() - interval '1 minute',"
                        + " text_key = null where id = ?",
                attempts,
                UUID.fromString(id));
    }

    /** Runs {@code work} on a Vert.x context, as the scheduler and the consumer do, and waits for it. */
    private static <T> T onContext(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode document(String id) {
        return Fixtures.read(as(agency.agent()).get("/api/v1/documents/" + id).asString());
    }

    @Test
    void aJobWhoseWorkerDiedIsReadAgainAndNeverStaysProcessing() {
        String id = verifiedDocument();
        crashedWhileReading(id, 1);

        assertThat(onContext(sweepers::returnStuckJobs)).isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> "VERIFIED".equals(document(id).path("status").asText()));
        JsonNode history = document(id).path("history");
        assertThat(history.toString())
                .contains("queued again: the worker reading it stopped")
                .contains("reading (attempt 2)");
        assertThat(eventTypes(id))
                .containsExactly("document.uploaded", "document.verified", "document.uploaded", "document.verified");
        events(id).forEach(EventSchemas::assertValid);
    }

    @Test
    void aJobThatKeepsKillingItsWorkerEndsFailedWithItsReason() {
        String id = verifiedDocument();
        crashedWhileReading(id, 4);

        onContext(sweepers::returnStuckJobs);

        JsonNode document = document(id);
        assertThat(document.path("status").asText()).isEqualTo("FAILED");
        assertThat(document.path("reason").asText()).contains("the worker stopped while reading it, 4 times");
        List<JsonNode> events = events(id);
        assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("document.failed");
        EventSchemas.assertValid(events.get(events.size() - 1));
    }

    @Test
    void aJobStillClaimedByALiveWorkerIsLeftToIt() {
        String id = verifiedDocument();
        sql(
                agency.tenant().id(),
                "update documents set status = 'PROCESSING', lease_until = now() + interval '1 minute' where id = ?",
                UUID.fromString(id));

        assertThat(onContext(() -> worker.process(agency.tenant().id(), UUID.fromString(id))))
                .isEqualTo(OcrWorker.Outcome.SKIPPED);
        assertThat(onContext(sweepers::returnStuckJobs)).isZero();
        assertThat(document(id).path("status").asText()).isEqualTo("PROCESSING");
    }

    @Test
    void aReplayedEventForADecidedDocumentDoesNothing() {
        String id = verifiedDocument();
        assertThat(onContext(() -> worker.process(agency.tenant().id(), UUID.fromString(id))))
                .isEqualTo(OcrWorker.Outcome.SKIPPED);
        assertThat(eventTypes(id)).containsExactly("document.uploaded", "document.verified");
    }

    @Test
    void aFileTheToolsCannotReadEndsFailedAndItsMessageIsDeadLettered() {
        filing.publish();
        String id = uploaded(
                agency.agent(), Pages.undecodablePng(), "broken.png", "image/png", filing.id, "id_copy", thandi);

        JsonNode document = decided(agency.agent(), id);

        assertThat(document.path("status").asText()).isEqualTo("FAILED");
        assertThat(document.path("reason").asText()).startsWith("the file could not be read");
        assertThat(eventTypes(id)).containsExactly("document.uploaded", "document.failed");
        String service = TestTokens.builder().roles("service").build();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(as(service)
                                .get("/internal/dead-letters/document.ocr-jobs?limit=200")
                                .asString())
                        .contains(id));
    }
}
