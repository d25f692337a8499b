package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * document-service in the running stack, with its OCR worker (a second process, profile {@code dev,worker}):
 * through the gateway with Keycloak's tokens, an agent uploads directors' ID copies of a ZA private-company filing;
 * the worker reads each PDF's text layer (pdftotext), checks it against the filing's data (fetched from the real
 * registration-service's internal API with document-service's own service account) and publishes its decision,
 * which registration-service records on the filing's checklist. A tenant admin overrides a rejection by hand; the
 * original comes back byte for byte through a presigned S3Proxy link; another agency cannot see the document.
 */
class DocumentsThroughStackTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";
    /** The worker's decision and registration-service's checklist, each: the worker reads a text PDF in a second. */
    private static final Duration DECIDED_WITHIN = Duration.ofSeconds(60);
    /** A valid SA ID number (real date, citizen, Luhn check digit) that is no director's of the example. */
    static final String ANOTHER_ID_NUMBER = "8805200123085";

    private static final Set<String> DECIDED = Set.of("VERIFIED", "NEEDS_REVIEW", "REJECTED", "FAILED");
    private static final Path SERVICE_LOGS = Path.of(System.getProperty("comply360.services.logs", "target/services"));
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static RequestSpecification at(String host, String token) {
        return services.at(host, token);
    }

    @Test
    void idCopiesAreReadCheckedAgainstTheFilingAndTheChecklistFollowsEveryDecision() throws Exception {
        String agent = LocalStack.userToken("agent@acme.test");
        String admin = LocalStack.userToken("admin@acme.test");

        // 1. A client, and a ZA private company whose directors step holds the wizard's example directors.
        String filing = privateCompanyFiling(agent);
        JsonNode directors = at(ACME_HOST, agent)
                .get("/api/v1/registrations/" + filing)
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class)
                .path("data")
                .path("directors")
                .path("directors");
        List<JsonNode> withIdNumbers = new ArrayList<>();
        directors.forEach(d -> {
            if (d.hasNonNull("idNumber")) {
                withIdNumbers.add(d);
            }
        });
        assertThat(withIdNumbers)
                .as("directors with SA ID numbers in %s", directors)
                .hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = withIdNumbers.get(0);
        JsonNode second = withIdNumbers.get(1);
        String firstId = first.path("personId").asText();
        String secondId = second.path("personId").asText();
        assertThat(slot(agent, filing, firstId).path("status").asText()).isEqualTo("MISSING");

        // 2. The first director's ID copy, as a text PDF that agrees with the filing: VERIFIED, and so is the slot.
        byte[] matching = textPdf(idCopy(
                first.path("surname").asText(),
                first.path("firstNames").asText(),
                first.path("idNumber").asText()));
        Response uploaded = upload(agent, filing, firstId, "id-copy-director-1.pdf", matching);
        assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(201);
        String verifiedDoc = uploaded.jsonPath().getString("id");
        assertThat(uploaded.header("Location")).endsWith("/api/v1/documents/" + verifiedDoc);
        assertThat(uploaded.jsonPath().getInt("version")).isEqualTo(1);
        assertThat(uploaded.jsonPath().getString("sha256")).isEqualTo(sha256(matching));
        assertThat(uploaded.jsonPath().getString("status")).isIn("RECEIVED", "QUEUED", "PROCESSING", "VERIFIED");

        JsonNode verified = decided(agent, verifiedDoc);
        assertThat(verified.path("status").asText())
                .as("the document agrees with the filing: %s", verified)
                .isEqualTo("VERIFIED");
        assertThat(verified.path("textSource").asText())
                .as("read from its text layer")
                .isEqualTo("text_layer");
        assertThat(fieldValues(verified, "idNumber"))
                .contains(first.path("idNumber").asText());
        assertThat(verified.path("dataVersion").isNumber())
                .as("the data version it was checked against")
                .isTrue();
        JsonNode verifiedSlot = slotBecomes(agent, filing, firstId, "VERIFIED");
        assertThat(verifiedSlot.path("documentId").asText()).isEqualTo(verifiedDoc);

        // 3. The second director's ID copy shows another valid ID number: REJECTED naming the field, and the slot too.
        byte[] contradicting = textPdf(idCopy(
                second.path("surname").asText(), second.path("firstNames").asText(), ANOTHER_ID_NUMBER));
        Response wrong = upload(agent, filing, secondId, "id-copy-director-2.pdf", contradicting);
        assertThat(wrong.statusCode()).as(wrong.asString()).isEqualTo(201);
        String rejectedDoc = wrong.jsonPath().getString("id");

        JsonNode rejected = decided(agent, rejectedDoc);
        assertThat(rejected.path("status").asText())
                .as("another ID number than the director's: %s", rejected)
                .isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asText()).startsWith("idNumber:");
        assertThat(rejected.path("reason").asText())
                .as("reasons show numbers by their last digits only")
                .doesNotContain(ANOTHER_ID_NUMBER)
                .doesNotContain(second.path("idNumber").asText());
        JsonNode rejectedSlot = slotBecomes(agent, filing, secondId, "REJECTED");
        assertThat(rejectedSlot.path("documentId").asText()).isEqualTo(rejectedDoc);
        assertThat(rejectedSlot.path("reason").asText()).startsWith("idNumber:");

        // The agency's list of the filing's documents: both, each with its decision.
        Response listed =
                at(ACME_HOST, agent).queryParam("registrationId", filing).get("/api/v1/documents");
        assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
        assertThat(listed.jsonPath().getList("items.id", String.class))
                .containsExactlyInAnyOrder(verifiedDoc, rejectedDoc);
        assertThat(listed.jsonPath().getInt("total")).isEqualTo(2);

        // 4. Agents may not overrule the worker; the tenant admin approves by hand, and the slot is VERIFIED.
        assertProblem(
                at(ACME_HOST, agent)
                        .contentType(ContentType.JSON)
                        .body(Map.of("note", "seen the original"))
                        .post("/api/v1/documents/" + rejectedDoc + "/approve"),
                403);
        Response approved = at(ACME_HOST, admin)
                .contentType(ContentType.JSON)
                .body(Map.of("note", "seen the original"))
                .post("/api/v1/documents/" + rejectedDoc + "/approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.jsonPath().getString("status")).isEqualTo("VERIFIED");
        assertThat(approved.jsonPath().getString("reason")).contains("seen the original");
        JsonNode approvedSlot = slotBecomes(agent, filing, secondId, "VERIFIED");
        assertThat(approvedSlot.path("documentId").asText()).isEqualTo(rejectedDoc);

        // 5. The original through a presigned link, byte for byte; another agency gets 404, never the document.
        Response link = at(ACME_HOST, agent).get("/api/v1/documents/" + verifiedDoc + "/download");
        assertThat(link.statusCode()).as(link.asString()).isEqualTo(200);
        assertThat(link.jsonPath().getString("expiresAt")).isNotBlank();
        HttpResponse<byte[]> original = HTTP.send(
                HttpRequest.newBuilder(URI.create(link.jsonPath().getString("url")))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.statusCode())
                .as("%s", new String(original.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(original.body()).isEqualTo(matching);

        String globex = LocalStack.userToken("agent@globex.test");
        assertProblem(at(GLOBEX_HOST, globex).get("/api/v1/documents/" + verifiedDoc), 404);
        assertProblem(at(GLOBEX_HOST, globex).get("/api/v1/documents/" + verifiedDoc + "/download"), 404);
        assertProblem(
                at(GLOBEX_HOST, LocalStack.userToken("admin@globex.test"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "not yours"))
                        .post("/api/v1/documents/" + verifiedDoc + "/request-reupload"),
                404);
        Response globexList =
                at(GLOBEX_HOST, globex).queryParam("registrationId", filing).get("/api/v1/documents");
        assertThat(globexList.statusCode()).as(globexList.asString()).isEqualTo(200);
        assertThat(globexList.jsonPath().getInt("total")).isZero();
    }

    // ---- the filing ------------------------------------------------------------------------------------------------

    /** A new client's ZA private-company draft with the wizard definition's example directors saved. */
    static String privateCompanyFiling(String agent) {
        Response client = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "kind", "company", "name", "Documents Stack Test Holdings", "email", "documents@example.co.za"))
                .post("/api/v1/clients");
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(201);

        Response filing = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client.jsonPath().getString("id"), "country", "ZA", "type", "private-company"))
                .post("/api/v1/registrations");
        assertThat(filing.statusCode()).as(filing.asString()).isEqualTo(201);
        String id = filing.jsonPath().getString("id");

        JsonNode definition = at(ACME_HOST, agent)
                .get("/api/v1/wizards/ZA/private-company")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        JsonNode example = null;
        for (JsonNode step : definition.path("steps")) {
            if (step.path("id").asText().equals("directors")) {
                example = step.path("example");
            }
        }
        assertThat(example).as("the directors step's example").isNotNull();

        String etag = filing.header("ETag");
        if (etag == null) {
            etag = at(ACME_HOST, agent).get("/api/v1/registrations/" + id).header("ETag");
        }
        Response saved = at(ACME_HOST, agent)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(example.toString())
                .put("/api/v1/registrations/" + id + "/steps/directors");
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        return id;
    }

    /** The filing's checklist slot of the {@code id_copy} of {@code personId}. */
    private static JsonNode slot(String token, String filing, String personId) {
        JsonNode view = at(ACME_HOST, token)
                .get("/api/v1/registrations/" + filing)
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        for (JsonNode slot : view.path("checklist").path("slots")) {
            if (slot.path("documentType").asText().equals("id_copy")
                    && slot.path("personId").asText().equals(personId)) {
                return slot;
            }
        }
        throw new AssertionError("No id_copy slot for " + personId + " in " + view.path("checklist"));
    }

    private static JsonNode slotBecomes(String token, String filing, String personId, String status) {
        JsonNode[] last = {null};
        try {
            await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                last[0] = slot(token, filing, personId);
                return last[0].path("status").asText().equals(status);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The checklist slot of " + personId + " did not become " + status + " within "
                    + DECIDED_WITHIN.toSeconds() + " s; it is " + last[0] + ". " + logTail("registration-service"));
        }
        return last[0];
    }

    // ---- documents -----------------------------------------------------------------------------------------------

    static Response upload(String token, String filing, String personId, String fileName, byte[] pdf) {
        return at(ACME_HOST, token)
                .multiPart("file", fileName, pdf, "application/pdf")
                .multiPart("registrationId", filing)
                .multiPart("documentType", "id_copy")
                .multiPart("personId", personId)
                .post("/api/v1/documents");
    }

    /** The document once the worker has decided on it (or given up). */
    static JsonNode decided(String token, String document) {
        JsonNode[] last = {null};
        try {
            await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                last[0] = at(ACME_HOST, token)
                        .get("/api/v1/documents/" + document)
                        .then()
                        .statusCode(200)
                        .extract()
                        .as(JsonNode.class);
                return DECIDED.contains(last[0].path("status").asText());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Document " + document + " was not decided within " + DECIDED_WITHIN.toSeconds()
                    + " s; it is " + last[0] + ". " + logTail("document-worker"));
        }
        return last[0];
    }

    private static List<String> fieldValues(JsonNode document, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode field : document.path("fields")) {
            if (field.path("name").asText().equals(name)) {
                values.add(field.path("value").asText());
            }
        }
        return values;
    }

    /** The end of a launched service's log ({@link RunningServices} writes one per process), for a failure. */
    private static String logTail(String process) {
        Path log = SERVICE_LOGS.resolve(process + ".log");
        try {
            List<String> lines = Arrays.asList(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
            return "The log " + log + " ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "The log " + log + " cannot be read: " + e;
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- PDFs ----------------------------------------------------------------------------------------------------

    /** The text lines of a certified copy of an SA identity document. */
    static List<String> idCopy(String surname, String firstNames, String idNumber) {
        return List.of(
                "REPUBLIC OF SOUTH AFRICA",
                "IDENTITY DOCUMENT",
                "Surname: " + surname.toUpperCase(Locale.ROOT),
                "Names: " + firstNames.toUpperCase(Locale.ROOT),
                "Identity Number: " + idNumber,
                "Country of Birth: SOUTH AFRICA",
                "Certified a true copy of the original");
    }

    /**
     * A one-page A4 PDF whose text is a text layer (as a word processor writes it): Helvetica, one line each, with a
     * correct cross-reference table. Printable ASCII only.
     */
    static byte[] textPdf(List<String> lines) {
        StringBuilder content = new StringBuilder("BT\n/F1 12 Tf\n18 TL\n60 760 Td\n");
        for (String line : lines) {
            content.append('(');
            for (char c : line.toCharArray()) {
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("Not printable ASCII: " + line);
                }
                if (c == '(' || c == ')' || c == '\\') {
                    content.append('\\');
                }
                content.append(c);
            }
            content.append(") Tj T*\n");
        }
        content.append("ET\n");
        byte[] stream = content.toString().getBytes(StandardCharsets.US_ASCII);
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
                        + " /Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                "<< /Length " + stream.length + " >>\nstream\n" + content + "endstream");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        out.writeBytes(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        write(out, table.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
