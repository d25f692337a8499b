package io.comply360.registration.filing;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.definition;
import static io.comply360.registration.Fixtures.eventTypes;
import static io.comply360.registration.Fixtures.fillWithExamples;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.Fixtures.verifyEveryDocument;
import static io.comply360.registration.filing.FilingWorkflowTest.act;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The workflow's states and moves, its idempotent submission, optimistic concurrency and the assignee's hold. */
@QuarkusTest
class StateMachineTest {

    /** Every action, who takes it, and its body. */
    private record Action(String name, boolean byAdmin, Map<String, String> body) {}

    private static final List<Action> ACTIONS = List.of(
            new Action("submit", false, null),
            new Action("request-changes", true, Map.of("reason", "Fix the names")),
            new Action("approve", true, null),
            new Action("reject", true, Map.of("reason", "Not for us")),
            new Action("file", false, Map.of("registryReference", "9429012345")),
            new Action("register", false, Map.of("enterpriseNumber", "K2026123456")),
            new Action("cancel", false, Map.of("reason", "The client withdrew")));

    /** Which actions each state allows (submit again on a submitted filing answers it as it is). */
    private static final Map<String, List<String>> LEGAL = Map.of(
            "DRAFT", List.of("submit", "cancel"),
            "SUBMITTED", List.of("submit", "cancel"),
            "IN_REVIEW", List.of("request-changes", "approve", "reject", "cancel"),
            "CHANGES_REQUESTED", List.of("submit", "cancel"),
            "RESUBMITTED", List.of("submit", "cancel"),
            "APPROVED", List.of("file", "cancel"),
            "FILED", List.of("register", "cancel"),
            "REJECTED", List.of(),
            "REGISTERED", List.of(),
            "CANCELLED", List.of());

    @Test
    void everyIllegalMoveIsAConflictNamingTheCurrentState() {
        Agency agency = agency("ZA");
        List<String> mismatches = new ArrayList<>();
        for (String state : LEGAL.keySet()) {
            // Illegal moves change nothing, so one filing per state serves them all.
            String id = inState(agency, state);
            for (Action action : ACTIONS) {
                if (LEGAL.get(state).contains(action.name())) {
                    continue;
                }
                String token = action.byAdmin()
                        ? agency.admin().token()
                        : agency.agent().token();
                Response answer = act(token, id, action.name(), action.body());
                if (answer.statusCode() != 409
                        || !answer.jsonPath().getString("detail").contains(state)) {
                    mismatches.add(
                            action.name() + " in " + state + ": " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyStateBeforeRegisteredCanBeCancelledWithAReason() {
        Agency agency = agency("ZA");
        for (String state :
                List.of("DRAFT", "SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED", "RESUBMITTED", "APPROVED", "FILED")) {
            String id = inState(agency, state);
            String token = "IN_REVIEW".equals(state)
                    ? agency.admin().token()
                    : agency.agent().token();
            assertThat(act(token, id, "cancel", Map.of()).statusCode())
                    .as("no reason")
                    .isEqualTo(422);
            Response cancelled = act(token, id, "cancel", Map.of("reason", "The client withdrew"));
            assertThat(cancelled.jsonPath().getString("status"))
                    .as(state + ": " + cancelled.asString())
                    .isEqualTo("CANCELLED");
            assertThat(eventTypes(id)).endsWith("registration.cancelled");
        }
    }

    @Test
    void aRejectionNeedsAReasonAndEndsTheFiling() {
        Agency agency = agency("ZA");
        String id = inState(agency, "IN_REVIEW");
        assertThat(act(agency.admin().token(), id, "reject", Map.of("reason", " "))
                        .statusCode())
                .isEqualTo(422);
        assertThat(act(agency.admin().token(), id, "reject", Map.of("reason", "Duplicate of another filing"))
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("REJECTED");
        assertThat(eventTypes(id)).endsWith("registration.rejected");
    }

    @Test
    void submittingTwiceAtOnceSubmitsOnceAndPublishesOneEvent() {
        Agency agency = agency("ZA");
        String id = ready(agency);
        List<CompletableFuture<Response>> both = List.of(
                CompletableFuture.supplyAsync(() -> act(agency.agent().token(), id, "submit", null)),
                CompletableFuture.supplyAsync(() -> act(agency.agent().token(), id, "submit", null)));
        for (CompletableFuture<Response> answer : both) {
            assertThat(answer.join().statusCode()).isEqualTo(200);
            assertThat(answer.join().jsonPath().getString("status")).isEqualTo("SUBMITTED");
        }
        assertThat(act(agency.agent().token(), id, "submit", null).statusCode()).isEqualTo(200);
        assertThat(eventTypes(id)).containsExactly("registration.created", "registration.submitted");
    }

    @Test
    void ofTwoEditsFromOneVersionExactlyOneWinsAndTheOtherIsPreconditionFailed() {
        Agency agency = agency("ZA");
        String clientId = client(agency.agent().token(), "Race Ltd");
        String id = start(agency.agent().token(), clientId, "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        Response draft = as(agency.agent().token()).get("/api/v1/registrations/" + id);
        JsonNode names = definition(agency.agent().token(), "ZA", "name-reservation")
                .path("steps")
                .get(0)
                .path("example");
        List<CompletableFuture<Response>> both = List.of(
                CompletableFuture.supplyAsync(
                        () -> Fixtures.saveStep(agency.agent().token(), id, "names", draft.header("ETag"), names)),
                CompletableFuture.supplyAsync(
                        () -> Fixtures.saveStep(agency.assistant().token(), id, "names", draft.header("ETag"), names)));
        List<Integer> statuses =
                both.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).containsExactly(200, 412);
        assertThat(Fixtures.saveStep(agency.agent().token(), id, "names", null, names)
                        .statusCode())
                .isEqualTo(428);
    }

    @Test
    void theAssigneeHoldsTheCaseUntilATenantAdminReassignsIt() {
        Agency agency = agency("ZA");
        String clientId = client(agency.agent().token(), "Held (Pty) Ltd");
        Response draft = start(agency.agent().token(), clientId, "ZA", "name-reservation");
        String id = draft.jsonPath().getString("id");
        JsonNode names = definition(agency.agent().token(), "ZA", "name-reservation")
                .path("steps")
                .get(0)
                .path("example");

        Response taken = act(agency.agent().token(), id, "assign", Map.of());
        assertThat(taken.jsonPath().getString("assigneeId"))
                .isEqualTo(agency.agent().id());
        Response blocked = Fixtures.saveStep(agency.otherAgent().token(), id, "names", taken.header("ETag"), names);
        assertThat(blocked.statusCode()).isEqualTo(409);
        assertThat(act(agency.otherAgent().token(), id, "assign", Map.of()).statusCode())
                .isEqualTo(409);
        assertThat(act(
                                agency.otherAgent().token(),
                                id,
                                "assign",
                                Map.of("assigneeId", agency.admin().id()))
                        .statusCode())
                .as("agents assign only themselves")
                .isEqualTo(403);

        io.comply360.registration.TenantServiceStub.person(
                agency.tenant().id(), agency.otherAgent().id(), true, "agent");
        Response reassigned = act(
                agency.admin().token(),
                id,
                "assign",
                Map.of("assigneeId", agency.otherAgent().id()));
        assertThat(reassigned.jsonPath().getString("assigneeId"))
                .isEqualTo(agency.otherAgent().id());
        assertThat(Fixtures.saveStep(agency.otherAgent().token(), id, "names", reassigned.header("ETag"), names)
                        .statusCode())
                .isEqualTo(200);
        assertThat(act(agency.admin().token(), id, "assign", Map.of("assigneeId", "nobody-we-know"))
                        .statusCode())
                .isEqualTo(422);
    }

    /** A name reservation (the shortest filing) brought to {@code state} through the API. */
    private static String inState(Agency agency, String state) {
        String id = switch (state) {
            case "DRAFT" ->
                start(agency.agent().token(), client(agency.agent().token(), "Draft Co"), "ZA", "name-reservation")
                        .jsonPath()
                        .getString("id");
            default -> ready(agency);
        };
        if (state.equals("DRAFT")) {
            return id;
        }
        act(agency.agent().token(), id, "submit", null);
        switch (state) {
            case "SUBMITTED" -> {}
            case "CANCELLED" -> act(agency.agent().token(), id, "cancel", Map.of("reason", "Withdrawn"));
            default -> {
                act(agency.admin().token(), id, "assign", Map.of());
                switch (state) {
                    case "IN_REVIEW" -> {}
                    case "REJECTED" -> act(agency.admin().token(), id, "reject", Map.of("reason", "No"));
                    case "CHANGES_REQUESTED", "RESUBMITTED" -> {
                        act(agency.admin().token(), id, "request-changes", Map.of("reason", "Again"));
                        if (state.equals("RESUBMITTED")) {
                            act(agency.agent().token(), id, "submit", null);
                        }
                    }
                    default -> {
                        act(agency.admin().token(), id, "approve", null);
                        if (!state.equals("APPROVED")) {
                            act(agency.agent().token(), id, "file", Map.of("registryReference", "9429012345"));
                        }
                        if (state.equals("REGISTERED")) {
                            act(agency.agent().token(), id, "register", Map.of("enterpriseNumber", "K2026123456"));
                        }
                    }
                }
            }
        }
        String status = as(agency.agent().token())
                .get("/api/v1/registrations/" + id)
                .jsonPath()
                .getString("status");
        assertThat(status).as("setting up " + state).isEqualTo(state);
        return id;
    }

    /** A complete name reservation, ready to submit. */
    static String ready(Agency agency) {
        String clientId = client(agency.agent().token(), "Ready Co");
        String id = start(agency.agent().token(), clientId, "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        fillWithExamples(agency.agent().token(), id, definition(agency.agent().token(), "ZA", "name-reservation"));
        verifyEveryDocument(agency, id);
        return id;
    }
}
