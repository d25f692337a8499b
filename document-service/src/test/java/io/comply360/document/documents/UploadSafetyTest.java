package io.comply360.document.documents;

import static io.comply360.document.Fixtures.outboxEvents;
import static io.comply360.document.Fixtures.rows;
import static io.comply360.document.Fixtures.upload;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.comply360.document.Fixtures;
import io.comply360.document.Fixtures.Agency;
import io.comply360.document.Pages;
import io.comply360.document.RegistrationServiceStub;
import io.comply360.platform.testkit.ProblemAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile and broken uploads, each refused with a problem naming the file (or accepted and flagged where a person
 * should look), and nothing left behind: no object in S3, no row, no event.
 */
@QuarkusTest
class UploadSafetyTest {

    private static final List<String> LINES =
            Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", "8507140123080", "1985-07-14");

    @Inject
    S3Client s3;

    @ConfigProperty(name = "comply360.document.bucket")
    String bucket;

    private final Agency agency = Fixtures.agency();
    private final RegistrationServiceStub.Filing filing =
            RegistrationServiceStub.filing(agency.tenant().id());
    private final UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", "8507140123080");

    private Response send(byte[] bytes, String name, String type) {
        filing.publish();
        return upload(agency.agent(), bytes, name, type, filing.id, "id_copy", thandi);
    }

    private void assertNothingStored() {
        UUID tenant = agency.tenant().id();
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket).prefix("tenants/" + tenant + "/"))
                        .contents())
                .isEmpty();
        assertThat(rows("documents", tenant)).isZero();
        assertThat(rows("pending_uploads", tenant)).isZero();
        assertThat(outboxEvents(tenant)).isZero();
    }

    private static void assertProblem(Response response, int status, String detailPart) {
        ProblemAssertions.assertProblem(response, status, "file");
        assertThat(response.jsonPath().getString("detail")).contains(detailPart);
    }

    @Test
    void contentThatLiesAboutItsTypeIs415() {
        assertProblem(send(Pages.html(), "id.pdf", "application/pdf"), 415, "HTML");
        assertProblem(send(Pages.zipBomb(), "id.pdf", "application/pdf"), 415, "ZIP archive");
        assertNothingStored();
    }

    @Test
    void bombsPolyglotsAndBrokenFilesAreRefused() {
        assertProblem(send(Pages.pixelBomb(), "id.png", "image/png"), 422, "megapixels");
        byte[] pdf = Pages.textPdf(LINES);
        assertProblem(send(Pages.polyglot(pdf), "id.pdf", "application/pdf"), 415, "polyglot");
        assertProblem(send(Pages.truncated(pdf), "id.pdf", "application/pdf"), 422, "truncated");
        assertProblem(send(new byte[0], "empty.pdf", "application/pdf"), 422, "empty");
        assertNothingStored();
    }

    @Test
    void aFileOverTheLimitIs413AsAProblem() {
        byte[] big = new byte[21 * 1024 * 1024 + 1];
        Response response = send(big, "big.pdf", "application/pdf");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertNothingStored();
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        filing.publish();
        Response response = as(agency.agent())
                .multiPart("registrationId", "not-a-uuid")
                .multiPart("documentType", "ID COPY")
                .multiPart("personId", "x")
                .post("/api/v1/documents");
        ProblemAssertions.assertProblem(response, 422, "file", "registrationId", "documentType", "personId");
        ProblemAssertions.assertProblem(
                upload(
                        agency.agent(),
                        Pages.png(Pages.page(LINES)),
                        "a.png",
                        "image/png",
                        filing.id,
                        "bank_confirmation",
                        null),
                422,
                "documentType");
        ProblemAssertions.assertProblem(
                upload(agency.agent(), Pages.png(Pages.page(LINES)), "a.png", "image/png", filing.id, "id_copy", null),
                422,
                "personId");
        ProblemAssertions.assertProblem(
                upload(
                        agency.agent(),
                        Pages.png(Pages.page(LINES)),
                        "a.png",
                        "image/png",
                        UUID.randomUUID(),
                        "id_copy",
                        thandi),
                422,
                "registrationId");
        assertNothingStored();
    }

    @Test
    void aClosedFilingTakesNoDocuments() {
        filing.status("REGISTERED").publish();
        Response response = upload(
                agency.agent(), Pages.png(Pages.page(LINES)), "a.png", "image/png", filing.id, "id_copy", thandi);
        ProblemAssertions.assertProblem(response, 409);
        assertNothingStored();
    }

    @Test
    void namesAreCleanedNeverUsedAsKeysAndFlagsAndDuplicatesAreReported() {
        filing.publish();
        byte[] page = Pages.pdfWithJavaScript(LINES);
        Response first =
                upload(agency.agent(), page, "../../etc/passwd.pdf", "application/pdf", filing.id, "id_copy", thandi);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(first.jsonPath().getString("fileName")).isEqualTo("passwd.pdf");
        assertThat(first.jsonPath().getList("flags")).contains("javascript");
        assertThat(first.jsonPath().getInt("version")).isEqualTo(1);
        assertThat(first.jsonPath().getString("sha256")).hasSize(64);
        assertThat(first.jsonPath().getList("duplicates")).isEmpty();
        String id = first.jsonPath().getString("id");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)
                                .prefix("tenants/" + agency.tenant().id() + "/"))
                        .contents())
                .extracting(o -> o.key())
                .contains("tenants/" + agency.tenant().id() + "/documents/" + id + "/original")
                .allSatisfy(key -> assertThat(key).doesNotContain("passwd").doesNotContain(".."));

        Response again = upload(agency.assistant(), page, "copy.pdf", "application/pdf", filing.id, "id_copy", thandi);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.jsonPath().getInt("version")).isEqualTo(2);
        assertThat(again.jsonPath().getString("duplicates[0].documentId")).isEqualTo(id);
        assertThat(again.jsonPath().getString("duplicates[0].registrationId")).isEqualTo(filing.id.toString());

        var decided = Fixtures.decided(agency.agent(), again.jsonPath().getString("id"));
        assertThat(decided.path("status").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(decided.path("reason").asText()).contains("JavaScript");
        var detail =
                Fixtures.read(as(agency.agent()).get("/api/v1/documents/" + id).asString());
        assertThat(detail.path("versions")).hasSize(2);
        assertThat(detail.path("history").get(0).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(detail.path("history").get(1).path("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void aPresignedUploadIsCheckedOnCompletionAndStoredOnce() throws Exception {
        filing.publish();
        byte[] pdf = Pages.textPdf(LINES);
        Response ticket = startUpload("C:\\scans\\invoice\u202Efdp.exe", "application/pdf", pdf.length);
        assertThat(ticket.statusCode()).as(ticket.asString()).isEqualTo(201);
        String id = ticket.jsonPath().getString("id");

        assertThat(put(ticket, pdf)).isEqualTo(200);
        Response completed = as(agency.agent()).post("/api/v1/documents/" + id + "/complete");
        assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(201);
        assertThat(completed.jsonPath().getString("id")).isEqualTo(id);
        assertThat(completed.jsonPath().getString("fileName")).isEqualTo("invoicefdp.exe");
        assertThat(as(agency.agent())
                        .post("/api/v1/documents/" + id + "/complete")
                        .jsonPath()
                        .getString("id"))
                .as("completing twice answers the document")
                .isEqualTo(id);
        assertThat(Fixtures.decided(agency.agent(), id).path("status").asText()).isEqualTo("VERIFIED");
        assertThat(rows("pending_uploads", agency.tenant().id()))
                .as("the upload is done")
                .isZero();
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)
                                .prefix("tenants/" + agency.tenant().id() + "/quarantine/"))
                        .contents())
                .isEmpty();
    }

    @Test
    void aPresignedPutLargerThanSignedIsRefusedAndAHostileOneDeletedOnCompletion() throws Exception {
        filing.publish();
        byte[] pdf = Pages.textPdf(LINES);
        Response ticket = startUpload("thandi.pdf", "application/pdf", pdf.length);
        byte[] larger = java.util.Arrays.copyOf(pdf, pdf.length + 1000);
        assertThat(put(ticket, larger)).isEqualTo(403);
        ProblemAssertions.assertProblem(
                as(agency.agent()).post("/api/v1/documents/" + ticket.jsonPath().getString("id") + "/complete"), 409);

        byte[] zip = Pages.zipBomb();
        Response hostile = startUpload("id.pdf", "application/pdf", zip.length);
        assertThat(put(hostile, zip)).isEqualTo(200);
        Response refused = as(agency.agent())
                .post("/api/v1/documents/" + hostile.jsonPath().getString("id") + "/complete");
        ProblemAssertions.assertProblem(refused, 415, "file");
        // The refused object is gone; the upload stays until it expires, so the client may PUT another file.
        ProblemAssertions.assertProblem(
                as(agency.agent())
                        .post("/api/v1/documents/" + hostile.jsonPath().getString("id") + "/complete"),
                409);
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)
                                .prefix("tenants/" + agency.tenant().id() + "/"))
                        .contents())
                .isEmpty();
        assertThat(rows("documents", agency.tenant().id())).isZero();
        assertThat(rows("pending_uploads", agency.tenant().id())).isEqualTo(2); // both swept once they expire
    }

    @Test
    void concurrentCompletionsOfOneUploadAnswerOneDocumentWhoseOriginalIsTheCheckedBytes() throws Exception {
        filing.publish();
        byte[] pdf = Pages.textPdf(LINES);
        Response ticket = startUpload("thandi.pdf", "application/pdf", pdf.length);
        assertThat(put(ticket, pdf)).isEqualTo(200);
        String id = ticket.jsonPath().getString("id");

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Response>> completions = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            completions.add(pool.submit(() -> as(agency.agent()).post("/api/v1/documents/" + id + "/complete")));
        }
        for (var completion : completions) {
            Response response = completion.get();
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            assertThat(response.jsonPath().getString("id")).isEqualTo(id);
        }
        pool.shutdown();
        assertThat(rows("documents", agency.tenant().id())).isEqualTo(1);
        String link = as(agency.agent())
                .get("/api/v1/documents/" + id + "/download")
                .jsonPath()
                .getString("url");
        byte[] stored = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(stored).isEqualTo(pdf);
    }

    @Test
    void concurrentUploadsToOneSlotGetConsecutiveVersions() throws Exception {
        filing.publish();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Response>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] pdf = Pages.textPdf(List.of("Copy " + i, "Surname: DLAMINI", "Identity Number: 8507140123080"));
            uploads.add(pool.submit(
                    () -> upload(agency.agent(), pdf, "id.pdf", "application/pdf", filing.id, "id_copy", thandi)));
        }
        List<Integer> versions = new java.util.ArrayList<>();
        for (var upload : uploads) {
            Response response = upload.get();
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            versions.add(response.jsonPath().getInt("version"));
        }
        pool.shutdown();
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void aMultipartBodyThatDoesNotMatchItsBoundaryIs400() {
        filing.publish();
        Response response = as(agency.agent())
                .contentType("multipart/form-data; boundary=zzz")
                .body("--aaa\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nid_copy\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/api/v1/documents");
        assertThat(response.statusCode()).as(response.asString()).isIn(400, 422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertNothingStored();
    }

    @Test
    void aPresignedUploadAnnouncingTooMuchIsRefusedUpFront() {
        filing.publish();
        ProblemAssertions.assertProblem(
                startUpload("huge.pdf", "application/pdf", 101L * 1024 * 1024), 422, "sizeBytes");
        ProblemAssertions.assertProblem(startUpload("x.exe", "application/x-msdownload", 100), 422, "contentType");
    }

    private Response startUpload(String name, String type, long size) {
        return Fixtures.startUpload(agency.agent(), filing.id, thandi, name, type, size);
    }

    /** PUTs {@code body} to the ticket's URL with its signed headers, as a browser would. */
    private static int put(Response ticket, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(ticket.jsonPath().getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, List<String>> headers = ticket.jsonPath().getMap("headers");
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
