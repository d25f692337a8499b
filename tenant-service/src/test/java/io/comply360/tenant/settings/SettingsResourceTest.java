package io.comply360.tenant.settings;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SettingsResourceTest {

    private static Map<String, Object> settings(String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", displayName);
        body.put("defaultLocale", "af");
        body.put("timeZone", "Africa/Harare");
        body.put("primaryColour", "#aa3300");
        return body;
    }

    private static Response read(String token) {
        return as(token).get("/api/v1/settings");
    }

    private static Response replace(String token, String etag, Object body) {
        var request = as(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.put("/api/v1/settings");
    }

    @Test
    void roleMatrixForReading() {
        RoleMatrixRunner.forRoute("GET", "/api/v1/settings")
                .own(Fixtures.newTenant())
                .stranger(Fixtures.newTenant())
                .foreignStatus(200)
                .run(caller -> caller.anonymous() ? given().get("/api/v1/settings") : read(caller.token()));
    }

    @Test
    void roleMatrixForReplacing() {
        RoleMatrixRunner.forRoute("PUT", "/api/v1/settings")
                .own(Fixtures.newTenant())
                .stranger(Fixtures.newTenant())
                .foreignStatus(200)
                .run(caller -> {
                    if (caller.anonymous()) {
                        return given().contentType(ContentType.JSON)
                                .body(settings("x"))
                                .put("/api/v1/settings");
                    }
                    String etag = caller.tenantId() == null
                            ? "\"0\""
                            : read(new TestTenant(caller.tenantId(), "any").token("tenant_admin"))
                                    .header("ETag");
                    return replace(caller.token(), etag, settings("Agency"));
                });
    }

    @Test
    void unsavedSettingsAreTheDefaultsAtVersionZero() {
        Response response = read(Fixtures.newTenant().token("agent"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.jsonPath().getString("defaultLocale")).isEqualTo("en");
        assertThat(response.jsonPath().getString("timeZone")).isEqualTo("Africa/Johannesburg");
        assertThat(response.jsonPath().getLong("version")).isZero();
    }

    @Test
    void replacingStoresEveryFieldBumpsTheVersionAndRecordsWho() {
        TestTenant tenant = Fixtures.newTenant();
        String admin = tenant.token("tenant_admin");
        Response saved = replace(admin, "\"0\"", settings("Acme Registrations"));
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");

        Response read = read(tenant.token("agent_assistant"));
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.jsonPath().getString("displayName")).isEqualTo("Acme Registrations");
        assertThat(read.jsonPath().getString("defaultLocale")).isEqualTo("af");
        assertThat(read.jsonPath().getString("timeZone")).isEqualTo("Africa/Harare");
        assertThat(read.jsonPath().getString("primaryColour")).isEqualTo("#AA3300");
        assertThat(read.jsonPath().getString("updatedBy")).isNotBlank();
        assertThat(read.jsonPath().getString("updatedAt")).isNotBlank();
    }

    @Test
    void theInternalViewCarriesTheSlaSettingsTheirDefaultsUntilSaved() {
        TestTenant tenant = Fixtures.newTenant();
        Response defaults = as(TestTokens.token("service", null)).get("/internal/tenants/" + tenant.id());
        assertThat(defaults.statusCode()).isEqualTo(200);
        assertThat(defaults.jsonPath().getMap("sla.targets")).isEmpty();
        assertThat(defaults.jsonPath().getList("sla.businessHours.days"))
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(defaults.jsonPath().getString("sla.businessHours.opens")).isEqualTo("08:00");
        assertThat(defaults.jsonPath().getString("sla.businessHours.closes")).isEqualTo("17:00");
        assertThat(defaults.jsonPath().getString("sla.timeZone")).isEqualTo("Africa/Johannesburg");

        Response saved = replace(tenant.token("tenant_admin"), "\"0\"", withSla(settings("Acme")));
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        Response view = as(TestTokens.token("service", null)).get("/internal/tenants/by-slug/" + tenant.slug());
        assertThat(view.jsonPath().getMap("sla.targets", String.class, Integer.class))
                .containsExactly(Map.entry("IN_REVIEW", 16), Map.entry("SUBMITTED", 8));
        assertThat(view.jsonPath().getList("sla.businessHours.days")).containsExactly("MONDAY", "SATURDAY");
        assertThat(view.jsonPath().getString("sla.businessHours.opens")).isEqualTo("07:30");
        assertThat(view.jsonPath().getString("sla.businessHours.closes")).isEqualTo("16:00");
        assertThat(view.jsonPath().getString("sla.timeZone")).isEqualTo("Africa/Harare");
        assertThat(view.jsonPath().getString("branding.displayName")).isEqualTo("Acme");
    }

    @Test
    void aSaveThatChangesSettingsAnnouncesTenantUpdatedNamingThemAndASaveThatChangesNothingDoesNot() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        String admin = tenant.token("tenant_admin");
        assertThat(replace(admin, "\"0\"", withSla(settings("Acme"))).statusCode())
                .isEqualTo(200);
        var written = Fixtures.written(tenant.id(), "tenant.updated");
        assertThat(written).hasSize(1);
        JsonNode event = written.get(0).event();
        EventSchemas.assertValid(event);
        JsonNode data = event.path("data");
        assertThat(data.path("tenantId").asText()).isEqualTo(tenant.id().toString());
        assertThat(data.path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(data.path("status").asText())
                .isEqualTo(data.path("previousStatus").asText());
        assertThat(data.path("changed"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "displayName", "defaultLocale", "timeZone", "primaryColour", "slaTargets", "businessHours");

        assertThat(replace(admin, "\"1\"", withSla(settings("Acme"))).statusCode())
                .isEqualTo(200);
        assertThat(Fixtures.written(tenant.id(), "tenant.updated")).hasSize(1);

        Map<String, Object> otherZone = withSla(settings("Acme"));
        otherZone.put("timeZone", "Africa/Johannesburg");
        assertThat(replace(admin, "\"2\"", otherZone).statusCode()).isEqualTo(200);
        assertThat(Fixtures.written(tenant.id(), "tenant.updated"))
                .hasSize(2)
                .map(w -> w.event().path("data").path("changed").toString())
                .contains("[\"timeZone\"]");
    }

    private static Map<String, Object> withSla(Map<String, Object> body) {
        body.put("slaTargets", Map.of("SUBMITTED", 8, "IN_REVIEW", 16));
        body.put("businessHours", Map.of("days", List.of("SATURDAY", "MONDAY"), "opens", "07:30", "closes", "16:00"));
        return body;
    }

    @Test
    void oneTenantsSettingsNeverShowInAnother() {
        TestTenant a = Fixtures.newTenant();
        TestTenant b = Fixtures.newTenant();
        assertThat(replace(a.token("tenant_admin"), "\"0\"", settings("Only A")).statusCode())
                .isEqualTo(200);
        Response seenByB = read(b.token("tenant_admin"));
        assertThat(seenByB.jsonPath().getString("displayName")).isNull();
        assertThat(seenByB.header("ETag")).isEqualTo("\"0\"");
        // B's save, from B's own version 0, changes only B's settings.
        assertThat(replace(b.token("tenant_admin"), "\"0\"", settings("Only B")).statusCode())
                .isEqualTo(200);
        assertThat(read(a.token("agent")).jsonPath().getString("displayName")).isEqualTo("Only A");
    }

    @Test
    void staleIfMatchIs412AndLeavesTheSettingsUnchanged() {
        TestTenant tenant = Fixtures.newTenant();
        String admin = tenant.token("tenant_admin");
        replace(admin, "\"0\"", settings("First"));
        assertProblem(replace(admin, "\"0\"", settings("Second")), 412);
        assertThat(read(admin).jsonPath().getString("displayName")).isEqualTo("First");
    }

    @Test
    void missingIfMatchIs428() {
        assertProblem(replace(Fixtures.newTenant().token("tenant_admin"), null, settings("x")), 428);
    }

    @Test
    void ofTwoConcurrentSavesFromOneVersionExactlyOneWins() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        String admin = tenant.token("tenant_admin");
        var first = CompletableFuture.supplyAsync(
                () -> replace(admin, "\"0\"", settings("one")).statusCode());
        var second = CompletableFuture.supplyAsync(
                () -> replace(admin, "\"0\"", settings("two")).statusCode());
        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 412);
        assertThat(read(admin).header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void brokenRulesAre422NamingEachField() {
        Map<String, Object> body = settings("");
        body.put("defaultLocale", "fr");
        body.put("timeZone", "Mars/Olympus");
        body.put("primaryColour", "red");
        assertProblem(
                replace(Fixtures.newTenant().token("tenant_admin"), "\"0\"", body),
                422,
                "displayName",
                "defaultLocale",
                "timeZone",
                "primaryColour");
    }

    @Test
    void missingRequiredFieldsAre422() {
        assertProblem(
                replace(Fixtures.newTenant().token("tenant_admin"), "\"0\"", Map.of("displayName", "x")),
                422,
                "defaultLocale",
                "timeZone",
                "primaryColour");
    }

    @Test
    void malformedBodiesAre400() {
        String admin = Fixtures.newTenant().token("tenant_admin");
        assertProblem(
                as(admin)
                        .header("If-Match", "\"0\"")
                        .contentType(ContentType.JSON)
                        .body("{\"defaultLocale\": ")
                        .put("/api/v1/settings"),
                400);
        Map<String, Object> wrongType = settings("x");
        wrongType.put("displayName", List.of("not", "a", "string"));
        assertProblem(replace(admin, "\"0\"", wrongType), 400, "displayName");
        Map<String, Object> unknown = settings("x");
        unknown.put("primaryColor", "#000000");
        assertProblem(replace(admin, "\"0\"", unknown), 400, "primaryColor");
        assertProblem(
                as(admin)
                        .header("If-Match", "\"0\"")
                        .contentType(ContentType.JSON)
                        .put("/api/v1/settings"),
                400,
                "body");
    }

    @Test
    void settingsOfATenantThatDoesNotExistCannotBeSaved() {
        assertProblem(replace(TestTenant.create().token("tenant_admin"), "\"0\"", settings("ghost")), 404);
    }

    @Test
    void ifMatchAnyOverwritesNothingOnceSettingsWereSaved() {
        TestTenant tenant = Fixtures.newTenant();
        String admin = tenant.token("tenant_admin");
        // Never saved: there is no one else's change to lose, so "any version" may create them.
        assertThat(replace(admin, "*", settings("First")).statusCode()).isEqualTo(200);
        assertProblem(replace(admin, "*", settings("Second")), 428);
        assertThat(read(admin).jsonPath().getString("displayName")).isEqualTo("First");
    }

    @Test
    void twentyThousandInvalidSlaKeysAreRefusedAtOnceWhileAnotherAgencyIsServed() throws Exception {
        TestTenant attacker = Fixtures.newTenant();
        TestTenant bystander = Fixtures.newTenant();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            keys.append(i == 0 ? "" : ",").append(String.format("\"K%06d\":8", i));
        }
        String body = "{\"defaultLocale\":\"en\",\"timeZone\":\"Africa/Johannesburg\",\"primaryColour\":\"#1F4E79\","
                + "\"slaTargets\":{" + keys + "}}";
        assertThat(body.length()).isBetween(240_000, 256 * 1024);
        String attackerToken = attacker.token("tenant_admin");
        String bystanderToken = bystander.token("agent");
        // One attacker sends the body again and again, each request timed; the bystander reads meanwhile.
        CompletableFuture<List<Long>> attacks = CompletableFuture.supplyAsync(() -> {
            List<Long> took = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Response refused = as(attackerToken)
                        .header("If-Match", "\"0\"")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .put("/api/v1/settings");
                took.add((System.nanoTime() - started) / 1_000_000);
                assertProblem(refused, 422, "slaTargets");
                assertThat(refused.asString().length()).isLessThan(1000);
            }
            return took;
        });
        int served = 0;
        while (!attacks.isDone()) {
            long started = System.nanoTime();
            assertThat(read(bystanderToken).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("another agency's read")
                    .isLessThan(1000);
            served++;
        }
        // Minutes of a CPU before the bound; now a few hundred ms, the time to read a quarter of a megabyte (the bound
        // on the worst one leaves room for a CI machine busy with other builds).
        List<Long> took = attacks.get().stream().sorted().toList();
        assertThat(took.get(took.size() / 2))
                .as("median refusal of %s, in ms", took)
                .isLessThan(1000);
        assertThat(took.get(took.size() - 1))
                .as("slowest refusal of %s, in ms", took)
                .isLessThan(3000);
        assertThat(served).as("reads served meanwhile").isPositive();
    }
}
