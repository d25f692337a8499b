package io.comply360.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What notification-service talks to, for tests: tenant-service's and registration-service's internal endpoints
 * (WireMock, in the shapes those services answer; their own tests pin the shapes), a real SMTP server (GreenMail), and
 * two SMS providers speaking Twilio's Messages API (WireMock: the primary and the fallback), each able to go down or
 * refuse a number. Shared by every Quarkus restart of the test JVM.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final String PRIMARY_SID = "ACprimary000000000000000000000000";
    public static final String FALLBACK_SID = "ACfallback00000000000000000000000";
    public static final String PRIMARY_TOKEN = "primary-token";
    public static final String FALLBACK_TOKEN = "fallback-token";
    public static final String PUBLIC_URL = "https://api.comply360.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twilio's resource that sends an SMS. */
    private static final String MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages.json";

    static WireMockServer services;
    static WireMockServer primary;
    static WireMockServer fallback;
    static GreenMail mail;

    @Override
    public synchronized Map<String, String> start() {
        if (services == null) {
            services = started();
            primary = started();
            fallback = started();
            mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            smsUp(primary);
            smsUp(fallback);
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.rest-client.tenant-service.url", services.baseUrl());
        config.put("quarkus.rest-client.registration-service.url", services.baseUrl());
        config.put("quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()));
        config.put("comply360.notification.sms.primary.url", primary.baseUrl());
        config.put("comply360.notification.sms.primary.account-sid", PRIMARY_SID);
        config.put("comply360.notification.sms.primary.auth-token", PRIMARY_TOKEN);
        config.put("comply360.notification.sms.fallback.url", fallback.baseUrl());
        config.put("comply360.notification.sms.fallback.account-sid", FALLBACK_SID);
        config.put("comply360.notification.sms.fallback.auth-token", FALLBACK_TOKEN);
        // A provider that stalls is given up on sooner than in production (10 s).
        config.put("comply360.notification.sms.timeout", "3S");
        config.put("comply360.notification.public-url", PUBLIC_URL);
        config.put("comply360.notification.portal-url", "https://{slug}.comply360.test");
        return config;
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM.
    }

    private static WireMockServer started() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    // --- tenant-service -------------------------------------------------------------------------------------------

    /** An agency as tenant-service's internal directory answers, with its branding. */
    public static void agency(UUID tenantId, String slug, String name, String colour, String locale, Integer logo) {
        Map<String, Object> branding = new LinkedHashMap<>();
        branding.put("displayName", name);
        branding.put("primaryColour", colour);
        branding.put("defaultLocale", locale);
        branding.put("timeZone", "Africa/Johannesburg");
        branding.put("logo", logo == null ? null : "/internal/tenants/" + tenantId + "/logo?v=" + logo);
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("id", tenantId.toString());
        tenant.put("slug", slug);
        tenant.put("legalName", name + " (Pty) Ltd");
        tenant.put("countries", List.of("ZA"));
        tenant.put("tier", "professional");
        tenant.put("status", "ACTIVE");
        tenant.put("branding", branding);
        services.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId)).willReturn(okJson(write(tenant))));
    }

    /** The agency's logo image (PNG bytes). */
    public static void logo(UUID tenantId, byte[] png) {
        services.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/logo"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "image/png")
                        .withBody(png)));
    }

    /** A person of the agency; also listed under each of their roles. */
    public static Map<String, Object> person(
            UUID tenantId, String id, String first, String email, String phone, String locale, String... roles) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", id);
        person.put("firstName", first);
        person.put("lastName", "Tester");
        person.put("email", email);
        person.put("phone", phone);
        person.put("locale", locale);
        person.put("enabled", true);
        person.put("roles", List.of(roles));
        services.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/users/" + id))
                .willReturn(okJson(write(person))));
        return person;
    }

    /** The enabled people with a role, as {@code GET /internal/tenants/{id}/users?role=} answers. */
    public static void people(UUID tenantId, String role, List<Map<String, Object>> people) {
        services.stubFor(get(urlPathEqualTo("/internal/tenants/" + tenantId + "/users"))
                .withQueryParam("role", com.github.tomakehurst.wiremock.client.WireMock.equalTo(role))
                .willReturn(okJson(write(new ArrayList<>(people)))));
    }

    // --- registration-service -------------------------------------------------------------------------------------

    public static void client(UUID tenantId, UUID clientId, String name, String email, String phone, String locale) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", clientId.toString());
        contact.put("name", name);
        contact.put("email", email);
        contact.put("phone", phone);
        contact.put("locale", locale);
        contact.put("archived", false);
        services.stubFor(get(urlPathEqualTo("/internal/clients/" + clientId + "/contact"))
                .withQueryParam(
                        "tenantId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(tenantId.toString()))
                .willReturn(okJson(write(contact))));
    }

    public static void filing(
            UUID tenantId, UUID registrationId, String reference, String agentId, String assigneeId, UUID clientId) {
        Map<String, Object> filing = new LinkedHashMap<>();
        filing.put("registrationId", registrationId.toString());
        filing.put("reference", reference);
        filing.put("country", "ZA");
        filing.put("type", "private-company");
        filing.put("status", "IN_REVIEW");
        filing.put("companyName", "Karoo Ridge Consulting (Pty) Ltd");
        filing.put("clientId", clientId.toString());
        filing.put("agentId", agentId);
        filing.put("assigneeId", assigneeId);
        filing.put("dataVersion", 3);
        filing.put("data", Map.of());
        filing.put("slots", List.of());
        services.stubFor(get(urlPathEqualTo("/internal/registrations/" + registrationId + "/filing-data"))
                .willReturn(okJson(write(filing))));
    }

    /** A tenant's digest as {@code GET /internal/registrations/digest} answers. */
    public static void digest(UUID tenantId, Map<String, Object> digest) {
        services.stubFor(get(urlPathEqualTo("/internal/registrations/digest"))
                .withQueryParam(
                        "tenantId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(tenantId.toString()))
                .willReturn(okJson(write(digest))));
    }

    // --- SMS providers --------------------------------------------------------------------------------------------

    public static WireMockServer primary() {
        return primary;
    }

    public static WireMockServer fallback() {
        return fallback;
    }

    /** The provider takes messages as Twilio does: 201 and the message resource with a new sid. */
    public static void smsUp(WireMockServer provider) {
        answersSms(
                provider,
                aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\","
                                + "\"status\":\"queued\",\"num_segments\":\"1\",\"error_code\":null}"));
    }

    /** The provider is down: 503 to everything. */
    public static void smsDown(WireMockServer provider) {
        answersSms(
                provider,
                aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}"));
    }

    /** The provider answers 201 at once, then stalls: its body trickles in over 8 seconds. */
    public static void smsStalls(WireMockServer provider) {
        answersSms(
                provider,
                aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMstalled0000000000000000000000000\",\"status\":\"queued\"}")
                        .withChunkedDribbleDelay(20, 8_000));
    }

    /** The provider refuses the number as Twilio does (400, code 21211). */
    public static void smsRefusesNumber(WireMockServer provider) {
        answersSms(
                provider,
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}"));
    }

    /** What the provider answers to every SMS sent to it from now on. */
    private static void answersSms(WireMockServer provider, ResponseDefinitionBuilder answer) {
        provider.resetMappings();
        provider.stubFor(post(urlPathMatching(MESSAGES)).willReturn(answer));
    }

    /** The SMS the provider was asked to send to {@code to}, as form fields. */
    public static List<Map<String, String>> smsTo(WireMockServer provider, String to) {
        List<Map<String, String>> sent = new ArrayList<>();
        for (LoggedRequest request : provider.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathMatching(MESSAGES)))) {
            Map<String, String> form = form(request.getBodyAsString());
            if (to.equals(form.get("To"))) {
                sent.add(form);
            }
        }
        return sent;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    // --- SMTP -----------------------------------------------------------------------------------------------------

    /** The e-mails GreenMail received for {@code address}. */
    public static List<jakarta.mail.internet.MimeMessage> mailTo(String address) {
        List<jakarta.mail.internet.MimeMessage> found = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : mail.getReceivedMessages()) {
            try {
                for (jakarta.mail.Address to : message.getAllRecipients()) {
                    if (to.toString().contains(address)) {
                        found.add(message);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
