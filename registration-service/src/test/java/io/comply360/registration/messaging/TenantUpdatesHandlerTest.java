package io.comply360.registration.messaging;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.definition;
import static io.comply360.registration.Fixtures.fillWithExamples;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.Fixtures.verifyEveryDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestDatabase;
import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.comply360.registration.TenantServiceStub;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** A tenant's SLA settings are read anew when tenant-service announces a change, not only after an hour. */
@QuarkusTest
class TenantUpdatesHandlerTest {

    @Test
    void aChangedSlaTargetAppliesToTheNextStateEntryOnceTenantUpdatedArrives() throws Exception {
        Agency agency = agency("ZA");
        String id = start(agency.agent().token(), client(agency.agent().token(), "Quick Ltd"), "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        fillWithExamples(agency.agent().token(), id, definition(agency.agent().token(), "ZA", "name-reservation"));
        verifyEveryDocument(agency, id);
        assertThat(storedTarget(agency, "SUBMITTED"))
                .as("stored when the draft started")
                .isEqualTo(8);

        TenantServiceStub.tenant(
                agency.tenant().id(),
                agency.tenant().slug(),
                List.of("ZA"),
                Map.of("SUBMITTED", 2),
                "Africa/Johannesburg");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", agency.tenant().id().toString());
        data.put("slug", agency.tenant().slug());
        data.put("status", "active");
        data.put("previousStatus", "active");
        data.put("changedAt", Instant.now().toString());
        data.put("changed", List.of("slaTargets"));
        Fixtures.send(
                TestBroker.envelope(
                        agency.tenant().id(),
                        TenantEvents.UPDATED.type().type(),
                        TenantEvents.UPDATED.type().dataschema(),
                        agency.tenant().id().toString(),
                        data),
                TenantEvents.UPDATED.type().exchange());
        await().atMost(Duration.ofSeconds(30)).until(() -> storedTarget(agency, "SUBMITTED") == 2);

        // Wednesday 2026-04-08, 10:00 in Johannesburg: 2 business hours later is noon.
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-04-08T08:00:00Z"), ZoneOffset.UTC), Clock.class);
        assertThat(as(agency.agent().token())
                        .post("/api/v1/registrations/" + id + "/submit")
                        .jsonPath()
                        .getString("dueAt"))
                .isEqualTo("2026-04-08T10:00:00Z");
    }

    /** The target registration-service keeps for the tenant (read as its owner, in the tenant). */
    private static Integer storedTarget(Agency agency, String state) throws Exception {
        try (Connection db = TestDatabase.asOwner()) {
            try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
                tenant.setString(1, agency.tenant().id().toString());
                tenant.execute();
            }
            try (PreparedStatement st = db.prepareStatement("select (sla_targets->>?)::int from tenant_profiles")) {
                st.setString(1, state);
                try (ResultSet rows = st.executeQuery()) {
                    return rows.next() ? (Integer) rows.getObject(1) : null;
                }
            }
        }
    }
}
