package io.comply360.notification.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.notification.Agency;
import io.comply360.notification.MailParts;
import io.comply360.notification.Upstreams;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every workflow through the broker, the directory and the providers: for each event the right people get the right
 * channels, in their locale, with the agency's branding; the log shows each message.
 */
@QuarkusTest
class WorkflowsTest {

    private static final UUID REGISTRATION = UUID.randomUUID();

    /** One case: the event it publishes, and the messages expected as "who/channel/locale/status". */
    record Case(String name, Function<Agency, String> publish, Function<Agency, Set<String>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> workflows() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "registration.submitted: the tenant admins, each in their locale",
                a -> registration(a, RegistrationEvents.SUBMITTED, "SUBMITTED", a.agent, null),
                a -> Set.of(
                        a.adminEn + "/in_app/en/delivered",
                        a.adminEn + "/email/en/sent",
                        a.adminAf + "/in_app/af/delivered",
                        a.adminAf + "/email/af/sent")));
        cases.add(new Case(
                "registration.assigned: the new holder, not the admin who assigned",
                a -> registration(a, RegistrationEvents.ASSIGNED, "IN_REVIEW", a.adminEn, a.reviewer),
                a -> Set.of(a.reviewer + "/in_app/en/delivered", a.reviewer + "/email/en/sent")));
        cases.add(new Case(
                "registration.changes_requested: the agent on every channel",
                a -> registration(a, RegistrationEvents.CHANGES_REQUESTED, "CHANGES_REQUESTED", a.reviewer, a.reviewer),
                a -> Set.of(a.agent + "/in_app/en/delivered", a.agent + "/email/en/sent", a.agent + "/sms/en/sent")));
        cases.add(new Case(
                "registration.approved: the agent",
                a -> registration(a, RegistrationEvents.APPROVED, "APPROVED", a.reviewer, a.reviewer),
                a -> Set.of(a.agent + "/in_app/en/delivered", a.agent + "/email/en/sent")));
        cases.add(new Case(
                "registration.rejected: the agent and the client",
                a -> registration(a, RegistrationEvents.REJECTED, "REJECTED", a.reviewer, a.reviewer),
                a -> Set.of(
                        a.agent + "/in_app/en/delivered",
                        a.agent + "/email/en/sent",
                        a.agent + "/sms/en/sent",
                        "client/email/en/sent")));
        cases.add(new Case(
                "registration.filed: the agent in-app, the client by e-mail",
                a -> registration(a, RegistrationEvents.FILED, "FILED", a.reviewer, a.reviewer),
                a -> Set.of(a.agent + "/in_app/en/delivered", "client/email/en/sent")));
        cases.add(new Case(
                "registration.registered: the agent, and the client by e-mail and SMS",
                a -> registration(a, RegistrationEvents.REGISTERED, "REGISTERED", a.reviewer, a.reviewer),
                a -> Set.of(
                        a.agent + "/in_app/en/delivered",
                        a.agent + "/email/en/sent",
                        "client/email/en/sent",
                        "client/sms/en/sent")));
        cases.add(new Case(
                "registration.sla_breached: the admins on every channel (no mobile: skipped), the holder",
                a -> a.publish(
                        RegistrationEvents.SLA_BREACHED,
                        REGISTRATION.toString(),
                        new RegistrationEvents.SlaBreached(
                                REGISTRATION,
                                "REG-2026-000777",
                                "ZA",
                                "private-company",
                                "IN_REVIEW",
                                a.client,
                                a.agent,
                                a.reviewer,
                                Instant.parse("2026-12-01T07:00:00Z"),
                                Instant.parse("2026-12-02T15:00:00Z"),
                                Instant.now())),
                a -> Set.of(
                        a.adminEn + "/in_app/en/delivered",
                        a.adminEn + "/email/en/sent",
                        a.adminEn + "/sms/en/skipped",
                        a.adminAf + "/in_app/af/delivered",
                        a.adminAf + "/email/af/sent",
                        a.adminAf + "/sms/af/sent",
                        a.reviewer + "/in_app/en/delivered",
                        a.reviewer + "/email/en/sent")));
        cases.add(new Case(
                "document.rejected: the filing's agent (read from registration-service)",
                a -> document(a, DocumentEvents.REJECTED),
                a -> Set.of(a.agent + "/in_app/en/delivered", a.agent + "/email/en/sent")));
        cases.add(new Case(
                "document.needs_review: the admins and the holder, in-app",
                a -> document(a, DocumentEvents.NEEDS_REVIEW),
                a -> Set.of(
                        a.adminEn + "/in_app/en/delivered",
                        a.adminAf + "/in_app/af/delivered",
                        a.reviewer + "/in_app/en/delivered")));
        cases.add(new Case(
                "commission.approved: the agent",
                a -> a.publish(
                        CommissionEvents.APPROVED,
                        UUID.randomUUID().toString(),
                        new CommissionEvents.Changed(
                                UUID.randomUUID(),
                                REGISTRATION,
                                "REG-2026-000777",
                                a.agent,
                                "ZAR",
                                "450.00",
                                true,
                                "APPROVED",
                                "CALCULATED",
                                null,
                                null,
                                a.adminEn,
                                Instant.now())),
                a -> Set.of(a.agent + "/in_app/en/delivered", a.agent + "/email/en/sent")));
        cases.add(new Case(
                "commission.paid: the agent on every channel",
                a -> a.publish(
                        CommissionEvents.PAID,
                        UUID.randomUUID().toString(),
                        new CommissionEvents.SettlementChanged(
                                UUID.randomUUID(),
                                a.agent,
                                "ZAR",
                                LocalDate.parse("2026-11-30"),
                                new BigDecimal("2250.00").toPlainString(),
                                5,
                                "PAID",
                                17,
                                Instant.now())),
                a -> Set.of(a.agent + "/in_app/en/delivered", a.agent + "/email/en/sent", a.agent + "/sms/en/sent")));
        cases.add(new Case(
                "commission.sync_failed: the admins",
                a -> a.publish(
                        CommissionEvents.SYNC_FAILED,
                        UUID.randomUUID().toString(),
                        new CommissionEvents.SyncFailed(
                                UUID.randomUUID(),
                                "bill",
                                UUID.randomUUID().toString(),
                                "VALIDATION",
                                "The partner has no bank account",
                                1,
                                Instant.now())),
                a -> Set.of(
                        a.adminEn + "/in_app/en/delivered",
                        a.adminEn + "/email/en/sent",
                        a.adminAf + "/in_app/af/delivered",
                        a.adminAf + "/email/af/sent")));
        cases.add(new Case(
                "tenant.user_invited: the invited person, by e-mail",
                a -> a.publish(
                        TenantEvents.USER_INVITED,
                        a.assistant,
                        new TenantEvents.UserChanged(
                                a.id(), a.assistant, List.of("agent_assistant"), true, a.adminEn, Instant.now())),
                a -> Set.of(a.assistant + "/email/en/sent")));
        cases.add(new Case(
                "tenant.provisioned: the admins, in-app (Keycloak mails the first one)",
                a -> a.publish(
                        TenantEvents.PROVISIONED,
                        a.id().toString(),
                        new TenantEvents.Provisioned(
                                a.id(),
                                a.tenant.slug(),
                                a.name + " (Pty) Ltd",
                                List.of("ZA"),
                                "starter",
                                Instant.now())),
                a -> Set.of(a.adminEn + "/in_app/en/delivered", a.adminAf + "/in_app/af/delivered")));
        cases.add(new Case(
                "notification.requested: whom and how the request says",
                a -> a.publish(
                        NotificationEvents.REQUESTED,
                        "reminder",
                        new NotificationEvents.Requested(
                                "document.reminder",
                                List.of(
                                        new NotificationEvents.Recipient("user", a.agent),
                                        new NotificationEvents.Recipient("client", a.client.toString())),
                                List.of("email", "sms"),
                                "Documents due",
                                "Please upload the directors' ID copies by Friday.",
                                "/registrations/" + REGISTRATION,
                                false)),
                a -> Set.of(
                        a.agent + "/email/en/sent",
                        a.agent + "/sms/en/sent",
                        "client/email/en/sent",
                        "client/sms/en/sent")));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void eachWorkflowTellsTheRightPeopleOnTheRightChannels(Case workflow) {
        Agency agency = new Agency();
        Upstreams.filing(agency.id(), REGISTRATION, "REG-2026-000777", agency.agent, agency.reviewer, agency.client);
        String eventId = workflow.publish().apply(agency);
        Set<String> expected = workflow.expected().apply(agency);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(describe(agency, agency.log(eventId)))
                        .containsExactlyInAnyOrderElementsOf(expected));
    }

    @Test
    void anAfrikaansAdminReadsAfrikaansWithTheAgencysBrandingAndTheClientGetsNoPortalLink() throws Exception {
        Agency agency = new Agency();
        String submitted = registration(agency, RegistrationEvents.SUBMITTED, "SUBMITTED", agency.agent, null);
        agency.messagesOf(submitted, 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Upstreams.mailTo(Agency.email(agency.adminAf)).isEmpty());
        MimeMessage af = Upstreams.mailTo(Agency.email(agency.adminAf)).get(0);
        assertThat(af.getSubject()).isEqualTo("Liassering REG-2026-000777 wag vir hersiening");
        assertThat(af.getFrom()[0].toString()).contains(agency.name);
        String html = MailParts.html(af);
        String text = MailParts.text(af);
        assertThat(html).contains("#0a7d3b", agency.name, "Hallo Pieter Tester", "Maak oop in Comply360");
        assertThat(html).contains("https://" + agency.tenant.slug() + ".comply360.test/registrations/" + REGISTRATION);
        assertThat(text).contains("Hallo Pieter Tester", "private company-liassering REG-2026-000777");

        String registered =
                registration(agency, RegistrationEvents.REGISTERED, "REGISTERED", agency.reviewer, agency.reviewer);
        agency.messagesOf(registered, 4);
        String clientEmail = "client-" + agency.client + "@example.test";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Upstreams.mailTo(clientEmail).isEmpty());
        MimeMessage toClient = Upstreams.mailTo(clientEmail).get(0);
        assertThat(toClient.getSubject()).isEqualTo("Registered: REG-2026-000777");
        assertThat(MailParts.html(toClient))
                .contains("Hi Karoo Ridge Consulting", "files a registration for you")
                .doesNotContain("Open in Comply360", "comply360.test/registrations");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Upstreams.smsTo(Upstreams.primary(), agency.clientPhone)
                        .isEmpty());
        Map<String, String> sms =
                Upstreams.smsTo(Upstreams.primary(), agency.clientPhone).get(0);
        assertThat(sms.get("Body")).isEqualTo("Registered: filing REG-2026-000777.");
        assertThat(sms.get("From")).isEqualTo("+27870000001");
        assertThat(sms.get("StatusCallback"))
                .startsWith(Upstreams.PUBLIC_URL + "/webhooks/sms/twilio/" + agency.id() + "/");
    }

    static String registration(
            Agency agency,
            io.comply360.platform.broker.EventContract<RegistrationEvents.Changed> contract,
            String status,
            String actor,
            String assignee) {
        return agency.filingChanged(contract, REGISTRATION, "REG-2026-000777", status, actor, assignee);
    }

    static String document(Agency agency, io.comply360.platform.broker.EventContract<DocumentEvents.Checked> contract) {
        return agency.publish(
                contract,
                UUID.randomUUID().toString(),
                new DocumentEvents.Checked(
                        UUID.randomUUID(),
                        REGISTRATION,
                        "id_document",
                        null,
                        1,
                        3L,
                        "the ID number on the page differs from the director's",
                        Instant.now()));
    }

    /** "who/channel/locale/status" of each message; who is a user id, or "client". */
    static Set<String> describe(Agency agency, List<Map<String, Object>> messages) {
        Set<String> described = new TreeSet<>();
        for (Map<String, Object> m : messages) {
            String recipient = (String) m.get("recipient");
            String who = recipient.equals(agency.clientKey()) ? "client" : recipient.substring(37);
            described.add(who + "/" + m.get("channel") + "/" + m.get("locale") + "/" + m.get("status"));
        }
        return described;
    }
}
