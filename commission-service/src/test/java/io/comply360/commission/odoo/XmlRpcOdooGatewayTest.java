package io.comply360.commission.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.commission.odoo.OdooException.Kind;
import io.comply360.commission.odoo.OdooGateway.Bill;
import io.comply360.commission.odoo.OdooGateway.BillLine;
import io.comply360.commission.odoo.OdooGateway.Connection;
import io.comply360.commission.odoo.OdooGateway.Lead;
import io.comply360.commission.odoo.OdooGateway.Partner;
import io.comply360.commission.odoo.OdooGateway.ServerInfo;

/** {@link XmlRpcOdooGateway} against {@link OdooFake} (Odoo 17's replies), without Quarkus. */
class XmlRpcOdooGatewayTest {

    private static OdooFake fake;
    private static XmlRpcOdooGateway gateway;

    private Connection connection;

    @BeforeAll
    static void startOdoo() {
        fake = new OdooFake().start();
        gateway = new XmlRpcOdooGateway(TestConfigs.builder()
                .allowPrivateAddresses(true)
                .connectTimeout(Duration.ofSeconds(1))
                .callTimeout(Duration.ofSeconds(5))
                .build());
    }

    @AfterAll
    static void stopOdoo() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.start();
        fake.reset();
        connection = new Connection(fake.url(), fake.database(), fake.login(), fake.apiKey());
    }

    private static OdooException failure(Supplier<?> call) {
        OdooException e = catchThrowableOfType(OdooException.class, call::get);
        assertThat(e).as("an OdooException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(fake.apiKey());
        return e;
    }

    private int partner() {
        return gateway.upsertPartner(connection, null, new Partner("agent-1", "Thandi Dlamini", "thandi@acme.test"));
    }

    private Bill bill(int partnerId, String currency) {
        return new Bill(
                "settlement-7f1c",
                partnerId,
                LocalDate.of(2026, 11, 30),
                currency,
                List.of(
                        new BillLine("Commission: filing 1", new BigDecimal("50.00")),
                        new BillLine("Commission: filing 2", new BigDecimal("154.31"))));
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    // ---- test ----------------------------------------------------------------------------------------------

    @Test
    void testReportsVersionAndUid() {
        ServerInfo info = gateway.test(connection);

        assertThat(info.serverVersion()).isEqualTo("17.0");
        assertThat(info.uid()).isEqualTo(fake.uid()).isEqualTo(2);
    }

    @Test
    void wrongKeyIsAccessDenied() {
        Connection wrong = new Connection(fake.url(), fake.database(), fake.login(), "not-the-key");

        OdooException e = failure(() -> gateway.test(wrong));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage()).doesNotContain("not-the-key");
        assertThat(failure(() -> gateway.upsertPartner(wrong, null, new Partner("a", "A", null)))
                        .kind())
                .isEqualTo(Kind.ACCESS_DENIED);
        assertThat(fake.records("res.partner")).isEmpty();
    }

    @Test
    void wrongLoginIsAccessDenied() {
        Connection wrong = new Connection(fake.url(), fake.database(), "someone@else.test", fake.apiKey());

        assertThat(failure(() -> gateway.test(wrong)).kind()).isEqualTo(Kind.ACCESS_DENIED);
    }

    @Test
    void wrongDatabaseIsAccessDenied() {
        Connection wrong = new Connection(fake.url(), "no-such-db", fake.login(), fake.apiKey());

        OdooException e = failure(() -> gateway.test(wrong));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("no-such-db");
        assertThat(e.transientFailure()).isFalse();
    }

    @Test
    void urlThatIsNotOdooIsNotOdoo() {
        Connection wrong = new Connection(fake.url() + "/nothing-here", fake.database(), fake.login(), fake.apiKey());

        OdooException e = failure(() -> gateway.test(wrong));

        assertThat(e.kind()).isEqualTo(Kind.NOT_ODOO);
        assertThat(e.transientFailure()).isFalse();
    }

    // ---- partners ------------------------------------------------------------------------------------------

    @Test
    void upsertPartnerCreatesOnceThenFindsByRef() {
        int id = gateway.upsertPartner(connection, null, new Partner("agent-1", "Thandi Dlamini", "thandi@acme.test"));

        Map<String, Object> created = only(fake.records("res.partner"));
        assertThat(created)
                .containsEntry("id", id)
                .containsEntry("ref", "agent-1")
                .containsEntry("name", "Thandi Dlamini")
                .containsEntry("email", "thandi@acme.test")
                .containsEntry("supplier_rank", 1)
                .containsEntry("active", true);

        int again = gateway.upsertPartner(connection, null, new Partner("agent-1", "Thandi Mokoena", null));

        assertThat(again).isEqualTo(id);
        Map<String, Object> updated = only(fake.records("res.partner"));
        assertThat(updated).containsEntry("name", "Thandi Mokoena").containsEntry("email", false);
        assertThat(fake.calls("res.partner", "create")).isEqualTo(1);
    }

    @Test
    void upsertPartnerWithKnownIdUpdatesIt() {
        int id = partner();

        int again = gateway.upsertPartner(connection, id, new Partner("agent-1", "Renamed", "r@acme.test"));

        assertThat(again).isEqualTo(id);
        assertThat(only(fake.records("res.partner"))).containsEntry("name", "Renamed");
    }

    @Test
    void upsertPartnerWithAStaleKnownIdFallsBackToTheRef() {
        int id = partner();

        int again = gateway.upsertPartner(connection, 999, new Partner("agent-1", "Renamed", null));

        assertThat(again).isEqualTo(id);
        assertThat(fake.records("res.partner")).hasSize(1);
    }

    @Test
    void archivedPartnerIsFoundAndReactivated() {
        int id = partner();
        fake.setField("res.partner", id, "active", false);

        int again = partner();

        assertThat(again).isEqualTo(id);
        assertThat(only(fake.records("res.partner"))).containsEntry("active", true);
    }

    @Test
    void lostReplyOnCreateThenRetryGivesExactlyOnePartner() {
        fake.loseNextReply("res.partner", "create");

        OdooException e = failure(this::partner);

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.transientFailure()).isTrue();
        assertThat(fake.records("res.partner")).hasSize(1); // the lost call did create it

        int id = partner();

        assertThat(only(fake.records("res.partner"))).containsEntry("id", id).containsEntry("ref", "agent-1");
        assertThat(fake.calls("res.partner", "create")).isEqualTo(1);
    }

    // ---- leads ---------------------------------------------------------------------------------------------

    @Test
    void leadOpenThenWon() {
        int id = gateway.upsertLead(
                connection,
                null,
                new Lead("ZA private-company: Acme (Pty) Ltd", "Filing 42", new BigDecimal("1437.50"), "open"));

        Map<String, Object> open = only(fake.records("crm.lead"));
        assertThat(open)
                .containsEntry("id", id)
                .containsEntry("name", "ZA private-company: Acme (Pty) Ltd")
                .containsEntry("type", "opportunity")
                .containsEntry("stage_id", List.of(1, "New"))
                .containsEntry("probability", 10.0)
                .containsEntry("expected_revenue", 1437.5)
                .containsEntry("active", true);
        assertThat(String.valueOf(open.get("description"))).contains("Filing 42");

        int won = gateway.upsertLead(
                connection,
                id,
                new Lead("ZA private-company: Acme (Pty) Ltd", "Filing 42", new BigDecimal("1437.50"), "won"));

        assertThat(won).isEqualTo(id);
        assertThat(only(fake.records("crm.lead")))
                .containsEntry("stage_id", List.of(4, "Won"))
                .containsEntry("probability", 100.0)
                .containsEntry("active", true);
        assertThat(fake.calls("crm.lead", "create")).isEqualTo(1);
    }

    @Test
    void leadLostIsArchivedAndLosingAgainDoesNotFail() {
        int id = gateway.upsertLead(
                connection, null, new Lead("ZW private-company: Beta", "Filing 43", new BigDecimal("450.00"), "lost"));

        Map<String, Object> lost = only(fake.records("crm.lead"));
        assertThat(lost).containsEntry("id", id).containsEntry("active", false).containsEntry("probability", 0.0);
        assertThat(fake.calls("crm.lead", "action_set_lost")).isEqualTo(1);

        // found although archived (active_test false); not marked lost twice
        int again = gateway.upsertLead(
                connection, null, new Lead("ZW private-company: Beta", "Filing 43", new BigDecimal("450.00"), "lost"));

        assertThat(again).isEqualTo(id);
        assertThat(only(fake.records("crm.lead"))).containsEntry("active", false);
        assertThat(fake.calls("crm.lead", "create")).isEqualTo(1);
    }

    @Test
    void openThenWonThenAnotherLost() {
        int first = gateway.upsertLead(connection, null, new Lead("Lead A", "A", new BigDecimal("100"), "open"));
        gateway.upsertLead(connection, first, new Lead("Lead A", "A", new BigDecimal("100"), "won"));
        int second = gateway.upsertLead(connection, null, new Lead("Lead B", "B", new BigDecimal("200"), "lost"));
        int secondAgain =
                gateway.upsertLead(connection, second, new Lead("Lead B", "B", new BigDecimal("200"), "lost"));

        assertThat(second).isNotEqualTo(first).isEqualTo(secondAgain);
        List<Map<String, Object>> leads = fake.records("crm.lead");
        assertThat(leads).hasSize(2);
        assertThat(leads.get(0))
                .containsEntry("id", first)
                .containsEntry("stage_id", List.of(4, "Won"))
                .containsEntry("probability", 100.0)
                .containsEntry("active", true);
        assertThat(leads.get(1))
                .containsEntry("id", second)
                .containsEntry("probability", 0.0)
                .containsEntry("active", false);
    }

    @Test
    void lostLeadReopensWhenOpenAgain() {
        int id = gateway.upsertLead(connection, null, new Lead("Lead C", "C", new BigDecimal("1"), "lost"));

        gateway.upsertLead(connection, id, new Lead("Lead C", "C", new BigDecimal("1"), "open"));

        assertThat(only(fake.records("crm.lead"))).containsEntry("active", true);
    }

    @Test
    void missingCrmIsMissingModel() {
        fake.uninstall("crm.lead");

        OdooException e =
                failure(() -> gateway.upsertLead(connection, null, new Lead("X", "x", BigDecimal.ONE, "open")));

        assertThat(e.kind()).isEqualTo(Kind.MISSING_MODEL);
        assertThat(e.transientFailure()).isFalse();
    }

    // ---- bills ---------------------------------------------------------------------------------------------

    @Test
    void upsertPostedBillCreatesAPostedVendorBill() {
        int partner = partner();

        int id = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));

        Map<String, Object> move = only(fake.records("account.move"));
        assertThat(move)
                .containsEntry("id", id)
                .containsEntry("move_type", "in_invoice")
                .containsEntry("ref", "settlement-7f1c")
                .containsEntry("state", "posted")
                .containsEntry("invoice_date", "2026-11-30")
                .containsEntry("partner_id", List.of(partner, "Thandi Dlamini"))
                .containsEntry("currency_id", List.of(2, "USD"))
                .containsEntry("payment_state", "not_paid")
                .containsEntry("amount_total", 204.31);
        List<Map<String, Object>> lines = fake.records("account.move.line");
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .extracting(l -> l.get("name"))
                .containsExactly("Commission: filing 1", "Commission: filing 2");
        assertThat(lines).extracting(l -> l.get("price_unit")).containsExactly(50.0, 154.31);
        assertThat(lines).extracting(l -> l.get("quantity")).containsExactly(1.0, 1.0);
    }

    @Test
    void upsertPostedBillAgainReturnsTheSameBillAndCreatesNothing() {
        int partner = partner();
        int id = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));

        int again = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));
        int known = gateway.upsertPostedBill(connection, id, bill(partner, "USD"));

        assertThat(again).isEqualTo(id);
        assertThat(known).isEqualTo(id);
        assertThat(fake.records("account.move")).hasSize(1);
        assertThat(fake.records("account.move.line")).hasSize(2);
        assertThat(fake.calls("account.move", "create")).isEqualTo(1);
        assertThat(fake.calls("account.move", "action_post")).isEqualTo(1);
    }

    @Test
    void billLeftInDraftIsPostedOnTheRetry() {
        int partner = partner();
        fake.failNext("account.move", "action_post", OdooFake.Fault.VALIDATION);

        assertThat(failure(() -> gateway.upsertPostedBill(connection, null, bill(partner, "USD")))
                        .kind())
                .isEqualTo(Kind.VALIDATION);
        assertThat(only(fake.records("account.move"))).containsEntry("state", "draft");

        int id = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));

        assertThat(only(fake.records("account.move"))).containsEntry("id", id).containsEntry("state", "posted");
    }

    @Test
    void lostReplyOnBillCreateThenRetryGivesOneBill() {
        int partner = partner();
        fake.loseNextReply("account.move", "create");

        OdooException e = failure(() -> gateway.upsertPostedBill(connection, null, bill(partner, "USD")));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);

        int id = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));

        assertThat(only(fake.records("account.move"))).containsEntry("id", id).containsEntry("state", "posted");
    }

    @Test
    void cancelledBillIsValidation() {
        int partner = partner();
        int id = gateway.upsertPostedBill(connection, null, bill(partner, "USD"));
        fake.setField("account.move", id, "state", "cancel");

        OdooException e = failure(() -> gateway.upsertPostedBill(connection, id, bill(partner, "USD")));

        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.getMessage()).contains("cancelled");
    }

    @Test
    void currencyOdooLacksIsValidation() {
        int partner = partner();

        OdooException e = failure(() -> gateway.upsertPostedBill(connection, null, bill(partner, "ZAR")));

        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.getMessage()).contains("ZAR");
        assertThat(fake.records("account.move")).isEmpty();
        assertThat(fake.calls("account.move", "create")).isZero();
    }

    @Test
    void injectedValidationFaultOnCreate() {
        int partner = partner();
        fake.failNext("account.move", "create", OdooFake.Fault.VALIDATION);

        OdooException e = failure(() -> gateway.upsertPostedBill(connection, null, bill(partner, "USD")));

        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.transientFailure()).isFalse();
        assertThat(fake.records("account.move")).isEmpty();
    }

    @Test
    void serializationFailureIsUnavailable() {
        fake.failNext("res.partner", "create", OdooFake.Fault.SERIALIZATION_FAILURE);

        OdooException e = failure(this::partner);

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.transientFailure()).isTrue();
    }

    @Test
    void revokedKeyMidRunIsAccessDenied() {
        fake.failNext("res.partner", "search", OdooFake.Fault.ACCESS_DENIED);

        assertThat(failure(this::partner).kind()).isEqualTo(Kind.ACCESS_DENIED);
    }

    @Test
    void paymentStateIsRead() {
        int id = gateway.upsertPostedBill(connection, null, bill(partner(), "USD"));

        assertThat(gateway.paymentState(connection, id)).isEqualTo("not_paid");

        fake.setField("account.move", id, "payment_state", "paid");

        assertThat(gateway.paymentState(connection, id)).isEqualTo("paid");
    }

    @Test
    void paymentStateOfADeletedBillIsValidation() {
        OdooException e = failure(() -> gateway.paymentState(connection, 999));

        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
    }

    // ---- Odoo down -----------------------------------------------------------------------------------------

    @Test
    void stoppedOdooIsUnavailableQuickly() {
        fake.stop();

        long started = System.nanoTime();
        OdooException e = failure(() -> gateway.test(connection));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.transientFailure()).isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(failure(this::partner).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void proxy503IsUnavailable() {
        fake.respondWith503(true);

        OdooException e = failure(() -> gateway.test(connection));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.getMessage()).contains("503");
        assertThat(failure(() -> gateway.paymentState(connection, 1)).kind()).isEqualTo(Kind.UNAVAILABLE);

        fake.respondWith503(false);
        assertThat(gateway.test(connection).serverVersion()).isEqualTo("17.0");
    }

    @Test
    void slowOdooTimesOutAsUnavailable() {
        XmlRpcOdooGateway impatient = new XmlRpcOdooGateway(TestConfigs.builder()
                .allowPrivateAddresses(true)
                .callTimeout(Duration.ofMillis(300))
                .build());
        fake.delay(Duration.ofSeconds(2));

        OdooException e = failure(() -> impatient.test(connection));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.transientFailure()).isTrue();
    }
}
