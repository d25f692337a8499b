package io.comply360.notification.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.comply360.notification.Agency;
import io.comply360.notification.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** An agency's own templates: checked by rendering before they are saved, versioned, previewed, used, reverted. */
@QuarkusTest
class TemplatesTest {

    private static final String APPROVED_EMAIL = "/api/v1/templates/registration.approved/email/en";

    private static ValidatableResponse put(Agency agency, String path, Map<String, Object> body) {
        return given().auth()
                .oauth2(agency.adminToken())
                .contentType(ContentType.JSON)
                .body(body)
                .put(path)
                .then();
    }

    @Test
    void aBrokenTemplateIsRefusedWithTheLineThatBroke() {
        Agency agency = new Agency();
        // An unknown name on line 3 of the body.
        put(
                        agency,
                        APPROVED_EMAIL,
                        Map.of(
                                "subject", "Approved: {filing.reference}",
                                "body", "Hello {recipient.name},\n\nyour filing is approved.\n{filing.colour}\n"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("body"))
                .body("errors.find { it.field == 'body' }.message", containsString("line 4"))
                .body("errors.find { it.field == 'body' }.message", containsString("colour"));
        // A section never closed.
        put(agency, APPROVED_EMAIL, Map.of("subject", "Approved", "body", "one\n{#if filing.reference}\ntwo\n"))
                .statusCode(422)
                .body("errors.find { it.field == 'body' }.message", containsString("line"));
        // Namespaces would reach the application's configuration and beans; integer loops would spin.
        put(agency, APPROVED_EMAIL, Map.of("subject", "{config:quarkus.datasource.password}", "body", "x"))
                .statusCode(422)
                .body("errors.find { it.field == 'subject' }.message", containsString("line 1"));
        put(agency, APPROVED_EMAIL, Map.of("subject", "s", "body", "a\n{#for i in 1000000000}{i}{/for}"))
                .statusCode(422)
                .body("errors.find { it.field == 'body' }.message", containsString("line 2"));
        // Parts a channel does not have, and parts it needs.
        put(agency, "/api/v1/templates/registration.changes_requested/sms/en", Map.of("subject", "s", "body", "b"))
                .statusCode(422)
                .body("errors.field", hasItem("subject"));
        put(agency, APPROVED_EMAIL, Map.of("body", "no subject"))
                .statusCode(422)
                .body("errors.field", hasItem("subject"));
        // A subject that renders to several lines.
        put(agency, APPROVED_EMAIL, Map.of("subject", "one\ntwo", "body", "b"))
                .statusCode(422)
                .body("errors.field", hasItem("subject"));
        // Nothing was saved.
        given().auth()
                .oauth2(agency.adminToken())
                .get(APPROVED_EMAIL)
                .then()
                .statusCode(200)
                .body("source", equalTo("default"))
                .body("version", equalTo(0));
    }

    @Test
    void aSavedTemplateIsVersionedUsedForTheNextMessageAndCanBeReverted() throws Exception {
        Agency agency = new Agency();
        put(
                        agency,
                        APPROVED_EMAIL,
                        Map.of(
                                "subject", "Good news: {filing.reference} is approved",
                                "body", "Dear {recipient.name},\n\n{filing.reference} passed review at {agency.name}."))
                .statusCode(200)
                .body("source", equalTo("tenant"))
                .body("version", equalTo(1));
        put(
                        agency,
                        APPROVED_EMAIL,
                        Map.of(
                                "subject", "Approved: {filing.reference}",
                                "body", "Dear {recipient.name},\n\n{filing.reference} was approved by {agency.name}."))
                .statusCode(200)
                .body("version", equalTo(2));
        given().auth()
                .oauth2(agency.adminToken())
                .get(APPROVED_EMAIL + "/versions")
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(2, 1));

        String eventId = agency.approved("REG-2026-000888");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> agency.log(eventId).stream()
                        .anyMatch(m -> "email".equals(m.get("channel")) && "sent".equals(m.get("status"))));
        Map<String, Object> email = agency.log(eventId).stream()
                .filter(m -> "email".equals(m.get("channel")))
                .findFirst()
                .orElseThrow();
        assertThat(email).containsEntry("templateSource", "tenant").containsEntry("templateVersion", 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Upstreams.mailTo(Agency.email(agency.agent)).isEmpty());
        var mail = Upstreams.mailTo(Agency.email(agency.agent)).get(0);
        assertThat(mail.getSubject()).isEqualTo("Approved: REG-2026-000888");
        // The agency's own text, inside the agency's frame in HTML.
        assertThat(io.comply360.notification.MailParts.text(mail))
                .contains("REG-2026-000888 was approved by " + agency.name);
        assertThat(io.comply360.notification.MailParts.html(mail)).contains("#0a7d3b", "was approved by");

        given().auth()
                .oauth2(agency.adminToken())
                .delete(APPROVED_EMAIL)
                .then()
                .statusCode(200)
                .body("source", equalTo("default"))
                .body("version", equalTo(3))
                .body("subject", equalTo("Filing {filing.reference} approved"));
    }

    @Test
    void aPreviewRendersADraftOrTheTemplateInForceWithTheAgencysBranding() {
        Agency agency = new Agency();
        given().auth()
                .oauth2(agency.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(APPROVED_EMAIL + "/preview")
                .then()
                .statusCode(200)
                .body("subject", equalTo("Filing REG-2026-000123 approved"))
                .body("html", containsString("#0a7d3b"))
                .body("html", containsString(agency.name));
        // A draft: rendered, HTML-escaped where data goes into HTML, not saved.
        given().auth()
                .oauth2(agency.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "subject", "Hi {recipient.name}",
                        "body", "Text for {filing.company}",
                        "html", "<p>{request.message}</p><p>{filing.company}</p>"))
                .post(APPROVED_EMAIL + "/preview")
                .then()
                .statusCode(200)
                .body("subject", equalTo("Hi Thandi Mokoena"))
                .body("body", equalTo("Text for Karoo Ridge Consulting (Pty) Ltd"))
                .body("html", containsString("<p>Please upload the directors&#39; ID copies by Friday.</p>"));
        given().auth()
                .oauth2(agency.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "{nope}", "body", "b"))
                .post(APPROVED_EMAIL + "/preview")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("subject"));
        given().auth().oauth2(agency.adminToken()).get(APPROVED_EMAIL).then().body("source", equalTo("default"));
    }

    @Test
    void theListShowsEveryTemplateAndUnknownOnesAre404() {
        Agency agency = new Agency();
        given().auth()
                .oauth2(agency.adminToken())
                .get("/api/v1/templates")
                .then()
                .statusCode(200)
                .body("findAll { it.workflow == 'registration.rejected' }.size()", equalTo(6))
                .body("findAll { it.workflow == 'registration.filed' && it.channel == 'sms' }.size()", equalTo(0));
        for (String path : new String[] {
            "/api/v1/templates/registration.nope/email/en",
            "/api/v1/templates/registration.filed/sms/en",
            "/api/v1/templates/registration.filed/email/fr"
        }) {
            given().auth().oauth2(agency.adminToken()).get(path).then().statusCode(404);
        }
    }
}
