package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Every upstream service, played by one WireMock on a free port, with tenant-service's slug lookups for
 * the agencies the tests use: acme and globex (active), dormant (suspended), busy (active, tiny rate limit).
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    static final String ACME = "11111111-1111-4111-8111-111111111111";
    static final String GLOBEX = "22222222-2222-4222-8222-222222222222";
    static final String DORMANT = "33333333-3333-4333-8333-333333333333";
    /** An agency whose tier has a tiny rate limit in the test profile. */
    static final String BUSY = "44444444-4444-4444-8444-444444444444";

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        reset();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"tenant", "registration", "document", "commission", "notification"}) {
            config.put("comply360.gateway.upstreams." + service, server.baseUrl());
        }
        return config;
    }

    /**
     * Forgets what earlier tests stubbed and saw: every service answers 200 with {@code {"from":"upstream"}},
     * tenant-service knows the test agencies.
     */
    static void reset() {
        server.resetAll();
        server.stubFor(any(urlPathMatching("/api/.*"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"from\":\"upstream\"}")));
        tenant("acme", ACME, "starter", "active");
        tenant("globex", GLOBEX, "starter", "active");
        tenant("dormant", DORMANT, "starter", "suspended");
        tenant("busy", BUSY, "enterprise", "active");
    }

    /** Answers as tenant-service does (its whole TenantView), so the gateway must take only what it needs. */
    private static void tenant(String slug, String id, String tier, String status) {
        server.stubFor(get(urlEqualTo("/internal/tenants/by-slug/" + slug))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"id":"%s","slug":"%s","legalName":"%s Registrations (Pty) Ltd","countries":["ZA"],
                         "tier":"%s","status":"%s","createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:00Z"}
                        """.formatted(id, slug, slug, tier, status))));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
