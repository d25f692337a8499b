package io.comply360.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * tenant-service's internal API as registration-service reads it (a tenant's slug, countries and SLA settings; a
 * person's roles), played by WireMock with the answers tenant-service gives, so this module's tests need no running
 * tenant-service. The end-to-end tests run both services for real.
 */
public class TenantServiceStub implements QuarkusTestResourceLifecycleManager {

    /** The SLA settings a test tenant gets unless a test says otherwise: 8 business hours for each waiting state. */
    public static final Map<String, Integer> TARGETS = Map.of(
            "SUBMITTED", 8, "IN_REVIEW", 16, "CHANGES_REQUESTED", 24, "RESUBMITTED", 8, "APPROVED", 8, "FILED", 40);

    private static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server =
                    new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
            server.start();
        }
        return Map.of("quarkus.rest-client.tenant-service.url", server.baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM.
    }

    /** tenant-service knows this tenant: slug, countries, SLA targets, Monday to Friday 08:00–17:00 in its zone. */
    public static void tenant(UUID id, String slug, List<String> countries, Map<String, Integer> targets, String zone) {
        server.stubFor(get(urlPathEqualTo("/internal/tenants/" + id))
                .willReturn(okJson(json(Map.of(
                        "id",
                        id.toString(),
                        "slug",
                        slug,
                        "countries",
                        countries,
                        "status",
                        "active",
                        "sla",
                        Map.of(
                                "targets", targets,
                                "businessHours",
                                        Map.of(
                                                "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                                                "opens", "08:00",
                                                "closes", "17:00"),
                                "timeZone", zone))))));
    }

    /** tenant-service knows this person of the tenant, with these roles. */
    public static void person(UUID tenantId, String userId, boolean enabled, String... roles) {
        server.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/users/" + userId))
                .willReturn(okJson(json(Map.of("id", userId, "enabled", enabled, "roles", List.of(roles))))));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
