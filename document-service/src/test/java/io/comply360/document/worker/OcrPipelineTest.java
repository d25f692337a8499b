package io.comply360.document.worker;

import static io.comply360.document.Fixtures.decided;
import static io.comply360.document.Fixtures.eventTypes;
import static io.comply360.document.Fixtures.events;
import static io.comply360.document.Fixtures.fields;
import static io.comply360.document.Fixtures.uploaded;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
import io.quarkus.test.junit.QuarkusTest;

/**
 * Generated documents through the whole pipeline: the API stores them in S3Proxy and queues them, the worker reads
 * them with the real pdftotext and tesseract, extracts fields and verifies them against the filing.
 */
@QuarkusTest
class OcrPipelineTest {

    private static final String THANDI_ID = "8507140123080";

    @Test
    void eachKindOfDocumentReachesTheRightDecisionWithItsFields() {
        Agency agency = Fixtures.agency();
        var filing = RegistrationServiceStub.filing(agency.tenant().id());
        UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", THANDI_ID);
        UUID johan = filing.director("Johan Pieter", "van der Merwe", "7911025123085");
        UUID sipho = filing.director("Sipho", "Ndlovu", "9001015009086");
        UUID lerato = filing.director("Lerato", "Mokoena", "8409170236082");
        UUID tendai = filing.passportHolder("Tendai", "Moyo", "L898902C3", "ZW", "1974-08-12");
        filing.publish();
        var thandiPage = Pages.page(Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", THANDI_ID, "1985-07-14"));

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "scan png",
                uploaded(
                        agency.agent(),
                        Pages.png(thandiPage),
                        "thandi.png",
                        "image/png",
                        filing.id,
                        "id_copy",
                        thandi));
        ids.put(
                "bad scan jpeg",
                uploaded(
                        agency.agent(),
                        Pages.jpeg(Pages.badScan(Pages.page(
                                Pages.idCopy("VAN DER MERWE", "JOHAN PIETER", "7911025123085", "1979-11-02")))),
                        "johan.jpg",
                        "image/jpeg",
                        filing.id,
                        "id_copy",
                        johan));
        ids.put(
                "text pdf",
                uploaded(
                        agency.assistant(),
                        Pages.textPdf(Pages.idCopy("NDLOVU", "SIPHO", "9001015009086", "1990-01-01")),
                        "sipho.pdf",
                        "application/pdf",
                        filing.id,
                        "id_copy",
                        sipho));
        ids.put(
                "scanned pdf",
                uploaded(
                        agency.agent(),
                        Pages.scannedPdf(Pages.page(Pages.idCopy("MOKOENA", "LERATO", "8409170236082", "1984-09-17"))),
                        "lerato.pdf",
                        "application/pdf",
                        filing.id,
                        "id_copy",
                        lerato));
        ids.put(
                "passport",
                uploaded(
                        agency.agent(),
                        Pages.textPdf(List.of(
                                "PASSPORT",
                                "Surname: MOYO",
                                "Given names: TENDAI",
                                "P<ZWEMOYO<<TENDAI<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                                "L898902C36ZWE7408122M3012316<<<<<<<<<<<<<<06")),
                        "tendai.pdf",
                        "application/pdf",
                        filing.id,
                        "id_copy",
                        tendai));
        ids.put(
                "address",
                uploaded(
                        agency.agent(),
                        Pages.textPdf(List.of(
                                "City of Cape Town - Municipal account",
                                "Karoo Ridge Consulting",
                                "27 Voortrekker Road",
                                "Bellville, Cape Town 7530")),
                        "rates.pdf",
                        "application/pdf",
                        filing.id,
                        "proof_of_address",
                        null));

        Map<String, JsonNode> decided = new LinkedHashMap<>();
        ids.forEach((name, id) -> decided.put(name, decided(agency.agent(), id)));

        decided.forEach((name, document) -> assertThat(document.path("status").asText())
                .as(name + ": " + document.path("reason").asText() + " " + document.path("findings"))
                .isEqualTo("VERIFIED"));
        JsonNode png = decided.get("scan png");
        assertThat(png.path("textSource").asText()).isEqualTo("ocr");
        assertThat(png.path("confidence").asDouble()).isGreaterThan(70);
        assertThat(png.path("dataVersion").asLong()).isEqualTo(3);
        assertThat(fields(png, "idNumber")).anySatisfy(f -> {
            assertThat(f.path("value").asText()).isEqualTo(THANDI_ID);
            assertThat(f.path("checked").asBoolean()).isTrue();
            assertThat(f.path("confidence").asDouble()).isGreaterThan(70);
        });
        assertThat(fields(png, "dateOfBirth"))
                .anySatisfy(f -> assertThat(f.path("value").asText()).isEqualTo("1985-07-14"));
        assertThat(fields(png, "surname"))
                .anySatisfy(f -> assertThat(f.path("value").asText()).isEqualTo("DLAMINI"));
        assertThat(decided.get("text pdf").path("textSource").asText()).isEqualTo("text_layer");
        assertThat(decided.get("scanned pdf").path("textSource").asText()).isEqualTo("ocr");
        assertThat(fields(decided.get("passport"), "passportNumber"))
                .anySatisfy(f -> assertThat(f.path("checked").asBoolean()).isTrue());

        // The worker consumes its queue once per OCR thread (one per core), so jobs run side by side.
        String vhost = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("comply360.messaging.vhost", String.class);
        assertThat(io.restassured.RestAssured.given()
                        .auth()
                        .preemptive()
                        .basic("guest", "guest")
                        .get("http://127.0.0.1:15672/api/queues/" + vhost + "/document.ocr-jobs")
                        .jsonPath()
                        .getInt("consumers"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        // Jobs longer than a third of the claim (3 s in tests) had their claims extended while they ran.
        assertThat(io.comply360.platform.testkit.Management.given()
                        .get("/q/metrics")
                        .asString())
                .containsPattern("comply360_document_ocr_claims_extended_total [1-9]")
                .contains("comply360_document_ocr_jobs_total{outcome=\"done\"}");

        String text = as(agency.agent())
                .get("/api/v1/documents/" + ids.get("bad scan jpeg") + "/text")
                .asString();
        assertThat(text).contains("7911025123085");

        // Producer side of the contracts: each event valid by its schema, the decision naming the data version.
        List<com.fasterxml.jackson.databind.JsonNode> events = events(ids.get("scan png"));
        events.forEach(EventSchemas::assertValid);
        assertThat(eventTypes(ids.get("scan png"))).containsExactly("document.uploaded", "document.verified");
        assertThat(events.get(1).path("data").path("dataVersion").asLong()).isEqualTo(3);
        assertThat(events.get(1).path("data").path("personId").asText()).isEqualTo(thandi.toString());
    }

    @Test
    void aPageWithAnotherIdNumberIsRejectedNamingTheField() {
        Agency agency = Fixtures.agency();
        var filing = RegistrationServiceStub.filing(agency.tenant().id());
        UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", THANDI_ID);
        filing.publish();
        String id = uploaded(
                agency.agent(),
                Pages.png(Pages.page(Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", "9001015009086", "1990-01-01"))),
                "wrong.png",
                "image/png",
                filing.id,
                "id_copy",
                thandi);

        JsonNode document = decided(agency.agent(), id);

        assertThat(document.path("status").asText()).isEqualTo("REJECTED");
        assertThat(document.path("reason").asText())
                .startsWith("idNumber:")
                .contains("…9086")
                .contains("…3080")
                .doesNotContain("9001015009086");
        assertThat(document.path("findings").toString())
                .contains("\"field\":\"idNumber\"")
                .contains("mismatch");
        List<JsonNode> events = events(id);
        assertThat(eventTypes(id)).containsExactly("document.uploaded", "document.rejected");
        EventSchemas.assertValid(events.get(1));
        assertThat(events.get(1).path("data").path("reason").asText()).startsWith("idNumber:");
    }

    @Test
    void aPageWithoutTheNumberNeedsReviewSayingWhat() {
        Agency agency = Fixtures.agency();
        var filing = RegistrationServiceStub.filing(agency.tenant().id());
        UUID thandi = filing.director("Thandiwe Nomvula", "Dlamini", THANDI_ID);
        filing.publish();
        String id = uploaded(
                agency.agent(),
                Pages.textPdf(List.of(
                        "REPUBLIC OF SOUTH AFRICA",
                        "Surname: DLAMINI",
                        "Names: THANDIWE NOMVULA",
                        "(number illegible)")),
                "partial.pdf",
                "application/pdf",
                filing.id,
                "id_copy",
                thandi);

        JsonNode document = decided(agency.agent(), id);

        assertThat(document.path("status").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(document.path("reason").asText()).contains("idNumber: the ID number was not found");
        assertThat(eventTypes(id)).containsExactly("document.uploaded", "document.needs_review");
    }
}
