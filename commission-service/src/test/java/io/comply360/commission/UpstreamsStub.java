package io.comply360.commission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * registration-service's filing data and tenant-service's people as commission-service reads them, played by
 * WireMock in the shapes those services answer (their own tests pin the shapes; the end-to-end tests run them for
 * real). Unknown filings and people answer 404.
 */
public class UpstreamsStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server =
                    new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
            server.start();
        }
        return Map.of(
                "quarkus.rest-client.registration-service.url", server.baseUrl(),
                "quarkus.rest-client.tenant-service.url", server.baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM.
    }

    /** A filing whose data says which MOI the company has ("standard" or "custom"). */
    public static void filing(UUID registrationId, String reference, String moi) {
        String body = write(Map.of(
                "registrationId",
                registrationId.toString(),
                "reference",
                reference,
                "companyName",
                "Karoo Ridge Consulting (Pty) Ltd",
                "data",
                Map.of("company", Map.of("moi", moi))));
        server.stubFor(get(urlPathEqualTo("/internal/registrations/" + registrationId + "/filing-data"))
                .willReturn(okJson(body)));
    }

    /** A person of the agency as tenant-service's internal directory answers. */
    public static void person(UUID tenantId, String userId, String firstName, String lastName, String email) {
        String body = write(Map.of(
                "id", userId,
                "firstName", firstName,
                "lastName", lastName,
                "email", email,
                "locale", "en",
                "enabled", true,
                "roles", java.util.List.of("agent")));
        server.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/users/" + userId))
                .willReturn(okJson(body)));
    }

    /** A person tenant-service no longer knows (they left the agency): its 404 answer. */
    public static void personGone(UUID tenantId, String userId) {
        server.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/users/" + userId))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"User not found\",\"status\":404}")));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
