package io.comply360.tenant;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.QueryPlans;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Requests must reuse Hibernate's query plans: a query that adds a plan per call fills the cache to its maximum,
 * after which every native query scans it (a third of the service's CPU under load, measured).
 */
@QuarkusTest
class QueryPlanCacheTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void aThousandRequestsLeaveTheQueryPlanCacheFlat() {
        TestTenant tenant = Fixtures.newTenant();
        String agent = tenant.token("agent");
        String admin = tenant.token("tenant_admin");
        Runnable requests = () -> {
            assertThat(as(agent).get("/api/v1/settings").statusCode()).isEqualTo(200);
            String etag = as(admin).get("/api/v1/settings").header("ETag");
            assertThat(as(admin)
                            .header("If-Match", etag)
                            .contentType(ContentType.JSON)
                            .body(Map.of(
                                    "defaultLocale",
                                    "en",
                                    "timeZone",
                                    "Africa/Johannesburg",
                                    "primaryColour",
                                    "#1F4E79"))
                            .put("/api/v1/settings")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(as(admin).get("/api/v1/settings/history").statusCode()).isEqualTo(200);
        };
        for (int i = 0; i < 5; i++) {
            requests.run();
        }
        int warm = QueryPlans.cached(sessionFactory);
        for (int i = 0; i < 250; i++) {
            requests.run();
        }
        assertThat(QueryPlans.cached(sessionFactory) - warm)
                .as("query plans added by 1,000 more requests")
                .isLessThanOrEqualTo(2);
    }
}
