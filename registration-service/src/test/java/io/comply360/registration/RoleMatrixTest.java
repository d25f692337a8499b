package io.comply360.registration;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.definition;
import static io.comply360.registration.Fixtures.fillWithExamples;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.Fixtures.verifyEveryDocument;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.RoleMatrixRunner.Caller;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every route of registration-service called anonymously and as every role of its own and of another agency,
 * compared with docs/roles.json. Another agency's filing or client answers 404, never 403.
 */
@QuarkusTest
class RoleMatrixTest {

    private final Agency home = agency("ZA");
    private final TestTenant stranger = TestTenant.create();

    private RoleMatrixRunner route(String method, String path, int success, int foreign) {
        return RoleMatrixRunner.forRoute(method, path)
                .own(home.tenant())
                .stranger(stranger)
                .successStatus(success)
                .foreignStatus(foreign);
    }

    @Test
    void clients() {
        String clientId = client(home.agent().token(), "Matrix Clients (Pty) Ltd");
        route("GET", "/api/v1/clients", 200, 200).run(c -> as(c.token()).get("/api/v1/clients"));
        route("POST", "/api/v1/clients", 201, 201)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("kind", "person", "name", "Sipho Dlamini"))
                        .post("/api/v1/clients"));
        route("GET", "/api/v1/clients/{id}", 200, 404).run(c -> as(c.token()).get("/api/v1/clients/" + clientId));
        route("PUT", "/api/v1/clients/{id}", 200, 404).run(c -> {
            String id = client(home.agent().token(), "Editable Ltd");
            return as(c.token())
                    .contentType(ContentType.JSON)
                    .header("If-Match", "\"1\"")
                    .body(Map.of("kind", "company", "name", "Edited Ltd"))
                    .put("/api/v1/clients/" + id);
        });
        route("POST", "/api/v1/clients/{id}/archive", 200, 404)
                .run(c -> as(c.token())
                        .post("/api/v1/clients/" + client(home.agent().token(), "Old Ltd") + "/archive"));
        route("GET", "/internal/clients/{id}/contact", 200, 200)
                .run(c -> as(c.token())
                        .get("/internal/clients/" + clientId + "/contact?tenantId="
                                + home.tenant().id()));
    }

    @Test
    void wizards() {
        route("GET", "/api/v1/wizards", 200, 200).run(c -> as(c.token()).get("/api/v1/wizards"));
        route("GET", "/api/v1/wizards/{country}/{type}", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/wizards/ZA/name-reservation"));
        var names = definition(home.agent().token(), "ZA", "name-reservation")
                .path("steps")
                .get(0)
                .path("example");
        route("POST", "/api/v1/wizards/{country}/{type}/steps/{step}/validate", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(names)
                        .post("/api/v1/wizards/ZA/name-reservation/steps/names/validate"));
    }

    @Test
    void readingAndStartingFilings() {
        String clientId = client(home.agent().token(), "Matrix Filings Ltd");
        String id = draft();
        route("GET", "/api/v1/registrations", 200, 200).run(c -> as(c.token()).get("/api/v1/registrations"));
        route("POST", "/api/v1/registrations", 201, 422)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("clientId", clientId, "country", "ZA", "type", "name-reservation"))
                        .post("/api/v1/registrations"));
        route("GET", "/api/v1/registrations/export", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/registrations/export"));
        route("GET", "/api/v1/registrations/{id}", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/registrations/" + id));
        route("GET", "/api/v1/registrations/{id}/timeline", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/registrations/" + id + "/timeline"));
        route("GET", "/internal/registrations/{id}/filing-data", 200, 200)
                .run(c -> as(c.token())
                        .get("/internal/registrations/" + id + "/filing-data?tenantId="
                                + home.tenant().id()));
        route("GET", "/internal/registrations/digest", 200, 200)
                .run(c -> as(c.token())
                        .get("/internal/registrations/digest?tenantId="
                                + home.tenant().id()));
        var names = definition(home.agent().token(), "ZA", "name-reservation")
                .path("steps")
                .get(0)
                .path("example");
        route("PUT", "/api/v1/registrations/{id}/steps/{step}", 200, 404).run(c -> {
            Response draft = as(home.agent().token()).get("/api/v1/registrations/" + draft());
            return Fixtures.saveStep(c.token(), draft.jsonPath().getString("id"), "names", draft.header("ETag"), names);
        });
    }

    @Test
    void actingOnFilings() {
        route("POST", "/api/v1/registrations/{id}/submit", 200, 404).run(c -> act(c, "submit", null, this::ready));
        route("POST", "/api/v1/registrations/{id}/assign", 200, 404).run(c -> act(c, "assign", Map.of(), t -> draft()));
        route("POST", "/api/v1/registrations/{id}/cancel", 200, 404)
                .run(c -> act(c, "cancel", Map.of("reason", "Withdrawn"), t -> draft()));
        for (String review : new String[] {"request-changes", "approve", "reject"}) {
            route("POST", "/api/v1/registrations/{id}/" + review, 200, 404)
                    .run(c -> act(c, review, Map.of("reason", "Because"), this::inReviewOf));
        }
        route("POST", "/api/v1/registrations/{id}/file", 200, 404)
                .run(c -> act(c, "file", Map.of("registryReference", "9429012345"), t -> takenBy(t, approved())));
        route("POST", "/api/v1/registrations/{id}/register", 200, 404)
                .run(c -> act(c, "register", Map.of("enterpriseNumber", "K2026123456"), t -> takenBy(t, filed())));
    }

    /**
     * Calls an action as {@code caller} on a filing made ready for it; the filing is set up only for callers the
     * matrix expects to succeed (others are refused before it is looked up) and, for another agency's callers, is
     * a home filing they must not find.
     */
    private Response act(Caller caller, String action, Object body, Function<String, String> setUp) {
        String id = caller.anonymous() || !caller.own() ? draft() : setUp.apply(caller.token());
        var request = as(caller.token());
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/registrations/" + id + "/" + action);
    }

    private String draft() {
        return start(home.agent().token(), client(home.agent().token(), "Draft Co"), "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
    }

    private String ready(String token) {
        String id = draft();
        fillWithExamples(home.agent().token(), id, definition(home.agent().token(), "ZA", "name-reservation"));
        verifyEveryDocument(home, id);
        return id;
    }

    private String submitted() {
        String id = ready(null);
        as(home.agent().token()).post("/api/v1/registrations/" + id + "/submit");
        return id;
    }

    /** In review, held by the caller when the caller is a tenant admin (who takes it), else by the home admin. */
    private String inReviewOf(String token) {
        String id = submitted();
        String reviewer = isAdmin(token) ? token : home.admin().token();
        as(reviewer).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/registrations/" + id + "/assign");
        return id;
    }

    private String approved() {
        String id = inReviewOf(home.admin().token());
        as(home.admin().token()).post("/api/v1/registrations/" + id + "/approve");
        return id;
    }

    private String filed() {
        String id = approved();
        as(home.agent().token())
                .contentType(ContentType.JSON)
                .body(Map.of("registryReference", "9429012345"))
                .post("/api/v1/registrations/" + id + "/file");
        return id;
    }

    /** The caller takes the case (an admin takes it; an agent is given it by the admin). */
    private String takenBy(String token, String id) {
        if (isAdmin(token)) {
            as(token).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/registrations/" + id + "/assign");
        } else {
            String subject = claims(token).get("sub");
            TenantServiceStub.person(home.tenant().id(), subject, true, "agent");
            as(home.admin().token())
                    .contentType(ContentType.JSON)
                    .body(Map.of("assigneeId", subject))
                    .post("/api/v1/registrations/" + id + "/assign");
        }
        return id;
    }

    private static boolean isAdmin(String token) {
        return token != null && claims(token).get("roles").contains("tenant_admin");
    }

    /** The token's subject and roles (its payload, decoded; the signature is the service's business). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, Object> claims = Fixtures.JSON.convertValue(Fixtures.read(payload), Map.class);
        return Map.of("sub", String.valueOf(claims.get("sub")), "roles", String.valueOf(claims.get("realm_access")));
    }
}
