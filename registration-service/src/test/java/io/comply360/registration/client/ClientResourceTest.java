package io.comply360.registration.client;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ClientResourceTest {

    private static Response create(String token, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/clients");
    }

    @Test
    void anAgentAddsEditsAndArchivesAClientAndTheTimelineNamesOnlyTheFields() {
        Agency agency = agency();
        Response created = create(
                agency.assistant().token(),
                Map.of(
                        "kind",
                        "company",
                        "name",
                        "  Karoo Trading  ",
                        "registrationNumber",
                        "2019/123456/07",
                        "email",
                        "accounts@karoo.co.za",
                        "phone",
                        "+27215550100",
                        "locale",
                        "af"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .endsWith("/api/v1/clients/" + created.jsonPath().getString("id"));
        assertThat(created.jsonPath().getString("name")).isEqualTo("Karoo Trading");
        String id = created.jsonPath().getString("id");

        Response read = as(agency.admin().token()).get("/api/v1/clients/" + id);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        Map<String, Object> edit =
                new HashMap<>(Map.of("kind", "company", "name", "Karoo Trading (Pty) Ltd", "locale", "en"));
        assertThat(as(agency.agent().token())
                        .contentType(ContentType.JSON)
                        .body(edit)
                        .put("/api/v1/clients/" + id)
                        .statusCode())
                .as("If-Match is required")
                .isEqualTo(428);
        Response edited = as(agency.agent().token())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(edit)
                .put("/api/v1/clients/" + id);
        assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        assertThat(edited.jsonPath().getString("email")).isNull();
        assertThat(as(agency.agent().token())
                        .contentType(ContentType.JSON)
                        .header("If-Match", "\"1\"")
                        .body(edit)
                        .put("/api/v1/clients/" + id)
                        .statusCode())
                .as("a stale version")
                .isEqualTo(412);

        Response archived = as(agency.agent().token()).post("/api/v1/clients/" + id + "/archive");
        assertThat(archived.jsonPath().getBoolean("archived")).isTrue();
        assertThat(as(agency.agent().token()).get("/api/v1/clients").jsonPath().getList("items.id"))
                .doesNotContain(id);
        assertThat(as(agency.agent().token())
                        .get("/api/v1/clients?includeArchived=true")
                        .jsonPath()
                        .getList("items.id"))
                .contains(id);
        Response noNewFiling = Fixtures.start(agency.agent().token(), id, "ZA", "name-reservation");
        assertThat(noNewFiling.statusCode()).isEqualTo(422);
        assertThat(noNewFiling.jsonPath().getString("errors[0].field")).isEqualTo("clientId");
    }

    @Test
    void searchFindsByPartOfTheNameEmailOrNumberAndPages() {
        Agency agency = agency();
        for (String name : List.of("Zebra Logistics", "Aardvark Mining", "Blue Crane Foods", "100% Pure_Water")) {
            client(agency.agent().token(), name);
        }
        Response all = as(agency.agent().token()).get("/api/v1/clients?limit=2");
        assertThat(all.jsonPath().getInt("total")).isEqualTo(4);
        assertThat(all.header("X-Total-Count")).isEqualTo("4");
        assertThat(all.jsonPath().getList("items.name")).containsExactly("100% Pure_Water", "Aardvark Mining");
        assertThat(as(agency.agent().token())
                        .get("/api/v1/clients?q=CRANE")
                        .jsonPath()
                        .getList("items.name"))
                .containsExactly("Blue Crane Foods");
        assertThat(as(agency.agent().token())
                        .queryParam("q", "%")
                        .get("/api/v1/clients")
                        .jsonPath()
                        .getList("items.name"))
                .as("% is matched literally")
                .containsExactly("100% Pure_Water");
        assertThat(as(agency.agent().token())
                        .queryParam("q", "_")
                        .get("/api/v1/clients")
                        .jsonPath()
                        .getList("items.name"))
                .containsExactly("100% Pure_Water");
        assertThat(as(agency.agent().token()).get("/api/v1/clients?limit=201").statusCode())
                .isEqualTo(422);
    }

    @Test
    void badInputIsRefusedNamingTheFields() {
        Agency agency = agency();
        Response bad = create(agency.agent().token(), Map.of("kind", "trust", "name", "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        Response broken = create(
                agency.agent().token(),
                Map.of("kind", "person", "name", "Sipho", "phone", "0821234567", "email", "not-mail", "locale", "zu"));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.jsonPath().getList("errors.field")).containsExactlyInAnyOrder("phone", "email", "locale");
        Response nul = create(agency.agent().token(), Map.of("kind", "person", "name", "Nul\u0000Name"));
        assertThat(nul.statusCode()).isEqualTo(422);
        assertThat(nul.jsonPath().getList("errors.field")).containsExactly("name");
        Response huge = create(agency.agent().token(), Map.of("kind", "person", "name", "x".repeat(10_000)));
        assertThat(huge.statusCode()).isEqualTo(422);
        assertThat(huge.jsonPath().getList("errors.field")).containsExactly("name");
    }

    @Test
    void anotherAgencysClientIsNotFoundAndItsListIsItsOwn() {
        Agency acme = agency();
        Agency globex = agency();
        String id = client(acme.agent().token(), "Acme's Client");
        assertThat(as(globex.agent().token()).get("/api/v1/clients/" + id).statusCode())
                .isEqualTo(404);
        assertThat(as(globex.agent().token())
                        .contentType(ContentType.JSON)
                        .header("If-Match", "\"1\"")
                        .body(Map.of("kind", "company", "name", "Stolen"))
                        .put("/api/v1/clients/" + id)
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(globex.agent().token())
                        .post("/api/v1/clients/" + id + "/archive")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(globex.agent().token()).get("/api/v1/clients").jsonPath().getInt("total"))
                .isZero();
        assertThat(Fixtures.start(globex.agent().token(), id, "ZA", "name-reservation")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void notificationServiceReadsAClientsContactInTheNamedTenantOnly() {
        Agency agency = agency();
        String id = client(agency.agent().token(), "Contactable Ltd");
        String service = io.comply360.platform.testkit.TestTokens.token("service", null);
        Response contact = as(service)
                .get("/internal/clients/" + id + "/contact?tenantId="
                        + agency.tenant().id());
        assertThat(contact.statusCode()).isEqualTo(200);
        assertThat(contact.jsonPath().getString("email")).isEqualTo("info@example.co.za");
        assertThat(contact.jsonPath().getString("locale")).isEqualTo("en");
        assertThat(as(service)
                        .get("/internal/clients/" + id + "/contact?tenantId="
                                + agency().tenant().id())
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(service).get("/internal/clients/" + id + "/contact").statusCode())
                .isIn(400, 422);
    }
}
