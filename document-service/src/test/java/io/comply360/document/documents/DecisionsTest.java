package io.comply360.document.documents;

import static io.comply360.document.Fixtures.decided;
import static io.comply360.document.Fixtures.eventTypes;
import static io.comply360.document.Fixtures.events;
import static io.comply360.document.Fixtures.uploaded;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.document.Fixtures;
import io.comply360.document.Fixtures.Agency;
import io.comply360.document.Pages;
import io.comply360.document.RegistrationServiceStub;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.ProblemAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A tenant admin's decisions, re-checks after the filing changed, versions, and the lists. */
@QuarkusTest
class DecisionsTest {

    private final Agency agency = Fixtures.agency();
    private final RegistrationServiceStub.Filing filing =
            RegistrationServiceStub.filing(agency.tenant().id());
    private final UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", "8507140123080");

    private String decidedDocument(String idNumber) {
        filing.publish();
        String id = uploaded(
                agency.agent(),
                Pages.textPdf(Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", idNumber, "1985-07-14")),
                "id.pdf",
                "application/pdf",
                filing.id,
                "id_copy",
                thandi);
        decided(agency.agent(), id);
        return id;
    }

    private Response post(String token, String path, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void aTenantAdminApprovesARejectedDocumentOrAsksForAnotherUpload() {
        String rejected = decidedDocument("8805200123085");
        Response approved = post(
                agency.admin(), "/api/v1/documents/" + rejected + "/approve", Map.of("note", "name change on file"));
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.jsonPath().getString("status")).isEqualTo("VERIFIED");
        assertThat(approved.jsonPath().getString("reason")).isEqualTo("approved by hand: name change on file");
        assertThat(approved.jsonPath().getString("decidedBy")).isNotBlank();
        ProblemAssertions.assertProblem(
                post(agency.admin(), "/api/v1/documents/" + rejected + "/approve", Map.of()), 409);

        Response reupload = post(
                agency.admin(),
                "/api/v1/documents/" + rejected + "/request-reupload",
                Map.of("reason", "the copy is not certified"));
        assertThat(reupload.jsonPath().getString("status")).isEqualTo("REJECTED");
        assertThat(reupload.jsonPath().getString("reason")).isEqualTo("upload it again: the copy is not certified");
        ProblemAssertions.assertProblem(
                post(agency.admin(), "/api/v1/documents/" + rejected + "/request-reupload", Map.of("reason", " ")),
                422,
                "reason");

        // The agent may not send a document a tenant admin decided by hand back to the machine.
        ProblemAssertions.assertProblem(as(agency.agent()).post("/api/v1/documents/" + rejected + "/recheck"), 409);

        assertThat(eventTypes(rejected))
                .containsExactly("document.uploaded", "document.rejected", "document.verified", "document.rejected");
        List<JsonNode> events = events(rejected);
        events.forEach(EventSchemas::assertValid);
        assertThat(events.get(2).path("data").path("reason").asText())
                .isEqualTo("approved by hand: name change on file");
    }

    @Test
    void onlyTheCurrentVersionOfASlotIsDecidedAndOnlyOnceRead() {
        String first = decidedDocument("8507140123080");
        String second = decidedDocument("8507140123080");
        ProblemAssertions.assertProblem(
                post(agency.admin(), "/api/v1/documents/" + first + "/request-reupload", Map.of("reason", "old")), 409);
        assertThat(Fixtures.read(as(agency.agent())
                                .get("/api/v1/documents/" + second)
                                .asString())
                        .path("version")
                        .asInt())
                .isEqualTo(2);

        Response listed = as(agency.assistant()).get("/api/v1/documents?registrationId=" + filing.id);
        assertThat(listed.header("X-Total-Count")).isEqualTo("1");
        assertThat(listed.jsonPath().getString("items[0].id")).isEqualTo(second);
        assertThat(as(agency.assistant())
                        .get("/api/v1/documents?status=REJECTED&registrationId=" + filing.id)
                        .header("X-Total-Count"))
                .isEqualTo("0");
        ProblemAssertions.assertProblem(
                as(agency.assistant()).get("/api/v1/documents?status=LOST&registrationId=x"),
                422,
                "status",
                "registrationId");
    }

    @Test
    void aRecheckReadsTheDocumentAgainstTheFilingAsItIsNow() {
        String id = decidedDocument("8507140123080");
        assertThat(Fixtures.read(as(agency.agent())
                                .get("/api/v1/documents/" + id)
                                .asString())
                        .path("dataVersion")
                        .asLong())
                .isEqualTo(3);

        RegistrationServiceStub.Filing changed = filing.dataVersion(7);
        changed.publish();
        Response recheck = as(agency.agent()).post("/api/v1/documents/" + id + "/recheck");
        assertThat(recheck.statusCode()).as(recheck.asString()).isEqualTo(200);
        assertThat(recheck.jsonPath().getString("status")).isEqualTo("QUEUED");
        ProblemAssertions.assertProblem(as(agency.agent()).post("/api/v1/documents/" + id + "/recheck"), 409);

        JsonNode again = decided(agency.agent(), id);
        assertThat(again.path("status").asText()).isEqualTo("VERIFIED");
        assertThat(again.path("dataVersion").asLong()).isEqualTo(7);
    }

    @Test
    void theTextAndTheDownloadLinkServeTheOwningTenant() throws Exception {
        String id = decidedDocument("8507140123080");
        Response text = as(agency.agent()).get("/api/v1/documents/" + id + "/text");
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(text.asString()).contains("DLAMINI").contains("8507140123080");

        Response link = as(agency.agent()).get("/api/v1/documents/" + id + "/download");
        assertThat(link.statusCode()).isEqualTo(200);
        var download = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(link.jsonPath().getString("url")))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(download.headers().firstValue("content-disposition").orElse(""))
                .startsWith("attachment");
    }
}
