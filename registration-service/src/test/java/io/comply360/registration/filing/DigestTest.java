package io.comply360.registration.filing;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.filing.FilingWorkflowTest.act;
import static io.comply360.registration.filing.StateMachineTest.ready;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.QueryPlans;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.comply360.registration.Fixtures.Person;
import io.comply360.registration.TenantServiceStub;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * notification-service's daily digest of a tenant: its filings waiting for review, those due soon and those past due,
 * counted in full and listed in order, in the named tenant only.
 */
@QuarkusTest
class DigestTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private static final String SERVICE = TestTokens.token("service", null);

    private static void at(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Clock.class);
    }

    private static Response digest(UUID tenantId, String query) {
        return as(SERVICE).get("/internal/registrations/digest?tenantId=" + tenantId + query);
    }

    @Test
    void theDigestListsWhatWaitsForReviewWhatIsDueSoonAndWhatIsPastDueInItsTenantOnly() {
        Agency agency = agency("ZA");
        Agency other = agency("ZA");
        String submitted = ready(agency);
        String inReview = ready(agency);
        String resubmitted = ready(agency);
        String approved = ready(agency);
        String cancelled = ready(agency);
        String draft = start(
                        agency.agent().token(), client(agency.agent().token(), "Draft Co"), "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        String theirs = ready(other);

        // Monday 2 March 2026. Business hours are 08:00–17:00 in Johannesburg (06:00–15:00 UTC); the targets are
        // TenantServiceStub.TARGETS (SUBMITTED and RESUBMITTED 8 hours, IN_REVIEW 16, APPROVED 8, DRAFT none).
        at("2026-03-02T05:00:00Z");
        act(other.agent().token(), theirs, "submit", null);
        at("2026-03-02T06:00:00Z");
        act(agency.agent().token(), submitted, "submit", null); // due Monday 16:00 (14:00 UTC)
        at("2026-03-02T07:00:00Z");
        act(agency.agent().token(), inReview, "submit", null);
        act(agency.admin().token(), inReview, "assign", Map.of()); // due Tuesday 16:00 (14:00 UTC)
        at("2026-03-02T08:00:00Z");
        act(agency.agent().token(), resubmitted, "submit", null);
        act(agency.admin().token(), resubmitted, "assign", Map.of());
        act(agency.admin().token(), resubmitted, "request-changes", Map.of("reason", "Again"));
        act(agency.agent().token(), resubmitted, "submit", null); // due Tuesday 09:00 (07:00 UTC)
        at("2026-03-02T08:30:00Z");
        act(agency.agent().token(), approved, "submit", null);
        act(agency.admin().token(), approved, "assign", Map.of());
        act(agency.admin().token(), approved, "approve", null); // due Tuesday 09:30 (07:30 UTC)
        at("2026-03-02T09:00:00Z");
        act(agency.agent().token(), cancelled, "submit", null);
        act(agency.agent().token(), cancelled, "cancel", Map.of("reason", "Withdrawn"));

        at("2026-03-03T06:30:00Z");
        Response response = digest(agency.tenant().id(), "");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath digest = response.jsonPath();
        assertThat(digest.getString("tenantId")).isEqualTo(agency.tenant().id().toString());
        assertThat(digest.getString("generatedAt")).isEqualTo("2026-03-03T06:30:00Z");
        assertThat(digest.getMap("$"))
                .containsOnlyKeys("tenantId", "generatedAt", "waitingForReview", "slaWarnings", "slaBreached");

        assertThat(digest.getLong("waitingForReview.count")).isEqualTo(3);
        assertThat(digest.getList("waitingForReview.items.registrationId"))
                .as("oldest in its state first")
                .containsExactly(submitted, inReview, resubmitted);
        assertThat(digest.getList("waitingForReview.items.status"))
                .containsExactly("SUBMITTED", "IN_REVIEW", "RESUBMITTED");
        assertThat(digest.getList("waitingForReview.items.enteredAt"))
                .containsExactly("2026-03-02T06:00:00Z", "2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z");
        Map<String, Object> first = digest.getMap("waitingForReview.items[0]");
        assertThat(first)
                .containsOnlyKeys(
                        "registrationId",
                        "reference",
                        "country",
                        "type",
                        "status",
                        "agentId",
                        "assigneeId",
                        "enteredAt",
                        "dueAt")
                .containsEntry("country", "ZA")
                .containsEntry("type", "name-reservation")
                .containsEntry("agentId", agency.agent().id())
                .containsEntry("assigneeId", null)
                .containsEntry("dueAt", "2026-03-02T14:00:00Z");
        assertThat((String) first.get("reference"))
                .startsWith(agency.tenant().slug().replace("-", "").toUpperCase());
        assertThat(digest.getString("waitingForReview.items[1].assigneeId"))
                .isEqualTo(agency.admin().id());

        assertThat(digest.getLong("slaWarnings.count")).isEqualTo(3);
        assertThat(digest.getList("slaWarnings.items.registrationId"))
                .as("soonest due first")
                .containsExactly(resubmitted, approved, inReview);
        assertThat(digest.getList("slaWarnings.items.dueAt"))
                .containsExactly("2026-03-03T07:00:00Z", "2026-03-03T07:30:00Z", "2026-03-03T14:00:00Z");
        assertThat(digest.getLong("slaBreached.count")).isEqualTo(1);
        assertThat(digest.getList("slaBreached.items.registrationId")).containsExactly(submitted);
        assertThat(digest.getList("slaBreached.items.status")).containsExactly("SUBMITTED");
        assertThat(response.asString()).doesNotContain(draft, cancelled, theirs);

        JsonPath withinAnHour =
                digest(agency.tenant().id(), "&warnWithinHours=1").jsonPath();
        assertThat(withinAnHour.getLong("slaWarnings.count")).isEqualTo(2);
        assertThat(withinAnHour.getList("slaWarnings.items.registrationId")).containsExactly(resubmitted, approved);
        assertThat(withinAnHour.getLong("waitingForReview.count")).isEqualTo(3);
        assertThat(withinAnHour.getLong("slaBreached.count")).isEqualTo(1);

        JsonPath theirDigest = digest(other.tenant().id(), "").jsonPath();
        assertThat(theirDigest.getList("waitingForReview.items.registrationId")).containsExactly(theirs);
        assertThat(theirDigest.getList("slaBreached.items.registrationId")).containsExactly(theirs);
        assertThat(theirDigest.getLong("slaWarnings.count")).isZero();

        // Past Tuesday 16:00 the filing in review is overdue too, the longest overdue still first.
        at("2026-03-03T14:30:00Z");
        JsonPath later = digest(agency.tenant().id(), "").jsonPath();
        assertThat(later.getList("slaBreached.items.registrationId"))
                .containsExactly(submitted, resubmitted, approved, inReview);
        assertThat(later.getLong("slaWarnings.count")).isZero();
    }

    @Test
    void eachSectionListsAtMost20AndCountsAll() {
        // An agency whose drafts have an SLA too (an hour): 21 drafts started 20 minutes apart on Monday from 08:00 in
        // Johannesburg, each due an hour later, all past due a week later.
        TestTenant tenant = TestTenant.create();
        Map<String, Integer> targets = new HashMap<>(TenantServiceStub.TARGETS);
        targets.put("DRAFT", 1);
        TenantServiceStub.tenant(tenant.id(), tenant.slug(), List.of("ZA"), targets, "Africa/Johannesburg");
        Person agent = Fixtures.person(tenant, "agent");
        String clientId = client(agent.token(), "Busy Client Ltd");
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            at(Instant.parse("2026-03-02T06:00:00Z").plusSeconds(i * 20 * 60L).toString());
            drafts.add(start(agent.token(), clientId, "ZA", "name-reservation")
                    .jsonPath()
                    .getString("id"));
        }
        at("2026-03-16T06:00:00Z");
        JsonPath digest = digest(tenant.id(), "").jsonPath();
        assertThat(digest.getLong("slaBreached.count")).isEqualTo(21);
        assertThat(digest.getList("slaBreached.items.registrationId", String.class))
                .hasSize(20)
                .containsExactlyElementsOf(drafts.subList(0, 20));
        assertThat(digest.getLong("waitingForReview.count")).isZero();
        assertThat(digest.getList("waitingForReview.items")).isEmpty();
    }

    @Test
    void theTenantMustBeNamedAndTheLookAheadBeAWeekAtMost() {
        assertProblem(as(SERVICE).get("/internal/registrations/digest"), 400, "tenantId");
        assertProblem(as(SERVICE).get("/internal/registrations/digest?tenantId=acme"), 400, "tenantId");
        UUID tenant = UUID.randomUUID();
        assertProblem(digest(tenant, "&warnWithinHours=0"), 422, "warnWithinHours");
        assertProblem(digest(tenant, "&warnWithinHours=169"), 422, "warnWithinHours");
        assertProblem(digest(tenant, "&warnWithinHours=soon"), 400, "warnWithinHours");
        Response unknown = digest(tenant, "&warnWithinHours=168");
        assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(200);
        assertThat(unknown.jsonPath().getLong("waitingForReview.count")).isZero();
    }

    @Test
    void theDigestReusesItsQueryPlans() {
        UUID tenant = agency("ZA").tenant().id();
        for (int i = 0; i < 5; i++) {
            assertThat(digest(tenant, "&warnWithinHours=" + (i + 1)).statusCode())
                    .isEqualTo(200);
        }
        int warm = QueryPlans.cached(sessionFactory);
        for (int i = 0; i < 100; i++) {
            assertThat(digest(tenant, "&warnWithinHours=" + (i % 168 + 1)).statusCode())
                    .isEqualTo(200);
        }
        assertThat(QueryPlans.cached(sessionFactory) - warm)
                .as("query plans added by 100 more digests")
                .isLessThanOrEqualTo(2);
    }
}
