package io.comply360.tenant.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.tenant.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Producer side of the tenant.provisioning_requested and tenant.provisioned contracts. */
@QuarkusTest
class TenantProvisionedEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void creatingATenantRequestsItsProvisioningWithAValidEvent() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        List<Fixtures.Written> requests = Fixtures.written(tenant.id(), "tenant.provisioning_requested");
        assertThat(requests).hasSize(1);
        JsonNode event = requests.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant.id().toString());
        assertThat(event.path("data").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(event.toString()).as("no personal data in events").doesNotContain("admin@");
    }

    @Test
    void provisioningAnnouncesTenantProvisionedOnceWithAValidEvent() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(tenant.id())));

        List<Fixtures.Written> events = Fixtures.written(tenant.id(), "tenant.provisioned");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("type").asText()).isEqualTo("tenant.provisioned");
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant.id().toString());
        assertThat(event.path("source").asText()).isEqualTo("/comply360/tenant-service");
        assertThat(event.path("data").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(event.path("data").path("tier").asText()).isEqualTo("starter");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.written(tenant.id(), "tenant.provisioned")
                        .get(0)
                        .sent());
    }

    @Test
    void theSchemaCatchesAProducerThatDropsARequiredField() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !Fixtures.written(tenant.id(), "tenant.provisioned").isEmpty());
        ObjectNode event = (ObjectNode) Fixtures.written(tenant.id(), "tenant.provisioned")
                .get(0)
                .event()
                .deepCopy();
        ((ObjectNode) event.get("data")).remove("slug");
        assertThat(EventSchemas.violations(event))
                .anySatisfy(violation -> assertThat(violation).contains("slug"));
        event.remove("correlationid");
        assertThat(EventSchemas.violations(event)).anySatisfy(v -> assertThat(v).contains("correlationid"));
    }
}
