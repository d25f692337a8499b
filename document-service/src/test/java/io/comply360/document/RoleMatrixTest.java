package io.comply360.document;

import static io.comply360.document.Fixtures.uploaded;
import static io.comply360.platform.testkit.TestTokens.as;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.document.Fixtures.Agency;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every route of document-service called anonymously and as every role of its own and of another agency, compared
 * with docs/roles.json. Another agency's document or upload answers 404, never 403 — presigned uploads and download
 * links included.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final List<String> LINES =
            Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", "8507140123080", "1985-07-14");

    private final Agency home = Fixtures.agency();
    private final TestTenant stranger = TestTenant.create();
    private final RegistrationServiceStub.Filing filing =
            RegistrationServiceStub.filing(home.tenant().id());
    private final UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", "8507140123080");

    private RoleMatrixRunner route(String method, String path, int success, int foreign) {
        filing.publish();
        return RoleMatrixRunner.forRoute(method, path)
                .own(home.tenant())
                .stranger(stranger)
                .successStatus(success)
                .foreignStatus(foreign);
    }

    /** A document of the home agency, decided by the worker. */
    private String document() {
        filing.publish();
        String id =
                uploaded(home.agent(), Pages.textPdf(LINES), "id.pdf", "application/pdf", filing.id, "id_copy", thandi);
        Fixtures.decided(home.agent(), id);
        return id;
    }

    @Test
    void uploadsAndReading() {
        // A stranger names the home agency's filing: registration-service does not know it in their tenant (422).
        route("POST", "/api/v1/documents", 201, 422)
                .run(c -> Fixtures.upload(
                        c.token(), Pages.textPdf(LINES), "id.pdf", "application/pdf", filing.id, "id_copy", thandi));
        route("POST", "/api/v1/documents/uploads", 201, 422)
                .run(c -> Fixtures.startUpload(c.token(), filing.id, thandi, "id.pdf", "application/pdf", 1000));
        String id = document();
        route("GET", "/api/v1/documents", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/documents?registrationId=" + filing.id));
        route("GET", "/api/v1/documents/{id}", 200, 404).run(c -> as(c.token()).get("/api/v1/documents/" + id));
        route("GET", "/api/v1/documents/{id}/text", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/documents/" + id + "/text"));
        route("GET", "/api/v1/documents/{id}/download", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/documents/" + id + "/download"));
    }

    @Test
    void completingAPresignedUpload() {
        // The home agency's pending upload, completed by each caller: nothing was PUT, so its own roles meet 409
        // (the upload exists for them) and strangers 404.
        filing.publish();
        String upload = Fixtures.startUpload(home.agent(), filing.id, thandi, "id.pdf", "application/pdf", 1000)
                .jsonPath()
                .getString("id");
        route("POST", "/api/v1/documents/{id}/complete", 409, 404)
                .run(c -> as(c.token()).post("/api/v1/documents/" + upload + "/complete"));
    }

    @Test
    void decisions() {
        route("POST", "/api/v1/documents/{id}/recheck", 200, 404)
                .run(c -> as(c.token()).post("/api/v1/documents/" + document() + "/recheck"));
        route("POST", "/api/v1/documents/{id}/approve", 200, 404).run(c -> {
            String id = document();
            as(home.admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("reason", "blurred"))
                    .post("/api/v1/documents/" + id + "/request-reupload");
            return as(c.token())
                    .contentType(ContentType.JSON)
                    .body(Map.of("note", "checked against the original"))
                    .post("/api/v1/documents/" + id + "/approve");
        });
        route("POST", "/api/v1/documents/{id}/request-reupload", 200, 404)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "the copy is not certified"))
                        .post("/api/v1/documents/" + document() + "/request-reupload"));
    }
}
