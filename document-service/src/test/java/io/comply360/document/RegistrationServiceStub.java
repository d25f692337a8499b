package io.comply360.document;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * registration-service's internal filing-data endpoint as document-service reads it, played by WireMock with the
 * shape registration-service answers (its own tests pin that shape; the end-to-end tests run both for real). A test
 * describes a filing, its people and its checklist slots.
 */
public class RegistrationServiceStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server =
                    new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
            server.start();
        }
        return Map.of("quarkus.rest-client.registration-service.url", server.baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM.
    }

    /** A filing being built for a test. */
    public static final class Filing {
        public final UUID tenantId;
        public final UUID id = UUID.randomUUID();
        String status = "DRAFT";
        String companyName = "Karoo Ridge Consulting";
        String enterpriseNumber;
        long dataVersion = 3;
        final Map<String, Object> data = new LinkedHashMap<>();
        final List<Map<String, Object>> directors = new ArrayList<>();
        final List<Map<String, Object>> slots = new ArrayList<>();

        Filing(UUID tenantId) {
            this.tenantId = tenantId;
            data.put("company", Map.of("proposedNames", List.of(companyName)));
            data.put(
                    "office",
                    Map.of(
                            "address",
                            Map.of("line1", "27 Voortrekker Road", "city", "Cape Town", "postalCode", "7530")));
            data.put("directors", Map.of("directors", directors));
            slots.add(slot("proof_of_address", null, null));
            slots.add(slot("custom_moi", null, null));
        }

        /** A director with an SA ID number; their id_copy is a slot. */
        public UUID director(String firstNames, String surname, String idNumber) {
            UUID person = UUID.randomUUID();
            directors.add(Map.of(
                    "personId",
                    person.toString(),
                    "firstNames",
                    firstNames,
                    "surname",
                    surname,
                    "idType",
                    "za-id",
                    "idNumber",
                    idNumber));
            slots.add(slot("id_copy", person, firstNames + " " + surname));
            return person;
        }

        /** A director with a passport; their id_copy is a slot. */
        public UUID passportHolder(
                String firstNames, String surname, String passport, String nationality, String born) {
            UUID person = UUID.randomUUID();
            directors.add(Map.of(
                    "personId", person.toString(),
                    "firstNames", firstNames,
                    "surname", surname,
                    "idType", "passport",
                    "passportNumber", passport,
                    "nationality", nationality,
                    "dateOfBirth", born));
            slots.add(slot("id_copy", person, firstNames + " " + surname));
            return person;
        }

        public Filing status(String status) {
            this.status = status;
            return this;
        }

        public Filing dataVersion(long version) {
            this.dataVersion = version;
            return this;
        }

        /** registration-service answers with this filing from now on. */
        public Filing publish() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("registrationId", id.toString());
            body.put("reference", "TEST-2026-000001");
            body.put("country", "ZA");
            body.put("type", "private-company");
            body.put("definitionVersion", 1);
            body.put("status", status);
            body.put("companyName", companyName);
            body.put("enterpriseNumber", enterpriseNumber);
            body.put("dataVersion", dataVersion);
            body.put("stepVersions", Map.of("directors", dataVersion));
            body.put("data", data);
            body.put("slots", slots);
            server.stubFor(get(urlPathEqualTo("/internal/registrations/" + id + "/filing-data"))
                    .withQueryParam(
                            "tenantId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(tenantId.toString()))
                    .willReturn(okJson(json(body))));
            return this;
        }

        private static Map<String, Object> slot(String type, UUID person, String name) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("documentType", type);
            slot.put("personId", person == null ? null : person.toString());
            slot.put("personName", name);
            return slot;
        }
    }

    public static Filing filing(UUID tenantId) {
        return new Filing(tenantId);
    }

    /** registration-service answers 404 for this filing (another tenant's, or none). */
    public static void unknown(UUID registrationId) {
        server.stubFor(get(urlPathEqualTo("/internal/registrations/" + registrationId + "/filing-data"))
                .willReturn(aResponse().withStatus(404)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
