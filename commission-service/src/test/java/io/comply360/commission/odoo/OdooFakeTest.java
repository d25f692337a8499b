package io.comply360.commission.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link OdooFake} over real HTTP with a minimal client (java.net.http + the JDK DOM parser), checking the
 * Odoo 17 behaviours documented in ODOO17_NOTES.md. Python's xmlrpc.client is exercised by py/smoke.py at dev time.
 */
class OdooFakeTest {

    private static OdooFake fake;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startFake() {
        fake = new OdooFake().start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void resetFake() {
        fake.start();
        fake.reset();
    }

    // ------------------------------------------------------------------ tiny client

    private static HttpResponse<byte[]> post(String service, String xml) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(fake.url() + "/xmlrpc/2/" + service))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Object rpc(String service, String method, Object... params) throws Exception {
        HttpResponse<byte[]> r = post(service, PyXmlRpc.dumpsCall(method, Arrays.asList(params)));
        assertThat(r.statusCode()).isEqualTo(200);
        return PyXmlRpc.parseResponse(r.body());
    }

    private static Object kw(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        return rpc(
                "object",
                "execute_kw",
                fake.database(),
                fake.uid(),
                fake.apiKey(),
                model,
                method,
                args,
                kwargs == null ? Map.of() : kwargs);
    }

    private static Object kw(String model, String method, Object... args) throws Exception {
        return kw(model, method, Arrays.asList(args), null);
    }

    private static PyXmlRpc.ParsedFault fault(Object o) {
        assertThat(o).isInstanceOf(PyXmlRpc.ParsedFault.class);
        return (PyXmlRpc.ParsedFault) o;
    }

    private static String lastLine(PyXmlRpc.ParsedFault f) {
        String[] lines = f.faultString().stripTrailing().split("\n");
        return lines[lines.length - 1];
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static int newPartner(String name, String ref) throws Exception {
        return (Integer) kw("res.partner", "create", map("name", name, "ref", ref));
    }

    private static int newBill(int partner) throws Exception {
        return (Integer) kw(
                "account.move",
                "create",
                map(
                        "move_type",
                        "in_invoice",
                        "partner_id",
                        partner,
                        "ref",
                        "COMM-1",
                        "invoice_date",
                        "2026-11-30",
                        "invoice_line_ids",
                        List.of(
                                List.of(0, 0, map("name", "Commission", "quantity", 2, "price_unit", 100.25)),
                                List.of(0, 0, map("name", "Bonus", "quantity", 1, "price_unit", 50)))));
    }

    // ------------------------------------------------------------------ common

    @Test
    void versionIsTheOdoo17AnswerByteForByteWithWerkzeugHeaders() throws Exception {
        HttpResponse<byte[]> r = post("common", PyXmlRpc.dumpsCall("version", List.of()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/xml; charset=utf-8");
        assertThat(r.headers().firstValue("Connection")).contains("close");
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/python-dumps/version.xml")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void authenticateReturnsUidOrFalseAndAWrongDatabaseIsAPsycopgFault() throws Exception {
        assertThat(rpc("common", "authenticate", fake.database(), fake.login(), fake.apiKey(), Map.of()))
                .isEqualTo(fake.uid());
        assertThat(rpc("common", "authenticate", fake.database(), fake.login(), "nope", Map.of()))
                .isEqualTo(false);
        assertThat(rpc("common", "authenticate", fake.database(), "nobody", fake.apiKey(), Map.of()))
                .isEqualTo(false);
        PyXmlRpc.ParsedFault f =
                fault(rpc("common", "authenticate", "other_db", fake.login(), fake.apiKey(), Map.of()));
        assertThat(f.faultCode()).isEqualTo(1);
        assertThat(f.faultString()).startsWith("Traceback (most recent call last):\n");
        assertThat(lastLine(f))
                .isEqualTo("psycopg2.OperationalError: connection to server at \"localhost\""
                        + " (127.0.0.1), port 5432 failed: FATAL:  database \"other_db\" does not exist");
    }

    @Test
    void wrongKeyOnExecuteKwIsAccessDeniedFault3() throws Exception {
        PyXmlRpc.ParsedFault f = fault(rpc(
                "object",
                "execute_kw",
                fake.database(),
                fake.uid(),
                "bad-key",
                "res.partner",
                "search",
                List.of(List.of()),
                Map.of()));
        assertThat(f).isEqualTo(new PyXmlRpc.ParsedFault(3, "Access Denied"));
    }

    // ------------------------------------------------------------------ ORM behaviour

    @Test
    void partnersReadBackWithOdooQuirks() throws Exception {
        int acme = newPartner("Acme Travel", "AG-1");
        assertThat(acme).isEqualTo(1);
        Object ids = kw("res.partner", "create", List.of(map("name", "Jane", "parent_id", acme), map("name", "Bob")));
        assertThat(ids).isEqualTo(List.of(2, 3));
        List<Map<String, Object>> rows = rows(kw(
                "res.partner",
                "search_read",
                List.of(List.of(List.of("ref", "=", "AG-1"))),
                map("fields", List.of("name", "email", "parent_id", "customer_rank", "is_company", "create_date"))));
        assertThat(rows).hasSize(1);
        Map<String, Object> r = rows.get(0);
        assertThat(r.keySet())
                .containsExactly("id", "name", "email", "parent_id", "customer_rank", "is_company", "create_date");
        assertThat(r)
                .containsEntry("email", false)
                .containsEntry("parent_id", false)
                .containsEntry("customer_rank", 0)
                .containsEntry("is_company", false);
        assertThat((String) r.get("create_date")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(rows(kw("res.partner", "read", List.of(2), List.of("parent_id", "display_name")))
                        .get(0))
                .containsEntry("parent_id", List.of(1, "Acme Travel"))
                .containsEntry("display_name", "Acme Travel, Jane");
        assertThat(kw(
                        "res.partner",
                        "search",
                        List.of(List.of("|", List.of("name", "ilike", "JAN"), List.of("id", "in", List.of(3)))),
                        map("order", "id desc")))
                .isEqualTo(List.of(3, 2));
        assertThat(kw("res.partner", "search_count", List.of(List.of(List.of("name", "!=", "Bob"))), null))
                .isEqualTo(2);
        assertThat(kw("res.partner", "write", List.of(List.of(1), map("email", "ops@acme.test")), null))
                .isEqualTo(true);
        assertThat(fake.records("res.partner").get(0)).containsEntry("email", "ops@acme.test");
        assertThat(kw("res.partner", "read", List.of(1, 999), List.of("name")))
                .isEqualTo(List.of(map("id", 1, "name", "Acme Travel")));
    }

    @Test
    void vendorBillLifecycle() throws Exception {
        int partner = newPartner("Acme", "AG-1");
        int bill = newBill(partner);
        Map<String, Object> draft = rows(kw(
                        "account.move",
                        "read",
                        List.of(bill),
                        List.of(
                                "name",
                                "state",
                                "payment_state",
                                "amount_total",
                                "invoice_line_ids",
                                "partner_id",
                                "invoice_date",
                                "display_name")))
                .get(0);
        assertThat(draft)
                .containsEntry("name", "/")
                .containsEntry("state", "draft")
                .containsEntry("payment_state", "not_paid")
                .containsEntry("amount_total", 250.5)
                .containsEntry("invoice_line_ids", List.of(1, 2))
                .containsEntry("partner_id", List.of(1, "Acme"))
                .containsEntry("invoice_date", "2026-11-30")
                .containsEntry("display_name", "Draft Bill (* 1) (COMM-1)");
        assertThat(rows(kw(
                                "account.move.line",
                                "search_read",
                                List.of(List.of(List.of("move_id", "=", bill))),
                                map("fields", List.of("move_id", "price_subtotal"))))
                        .get(0))
                .containsEntry("move_id", List.of(1, "Draft Bill (* 1) (COMM-1)"))
                .containsEntry("price_subtotal", 200.5);

        assertThat(kw("account.move", "action_post", List.of(bill))).isEqualTo(false);
        Map<String, Object> posted = fake.records("account.move").get(0);
        assertThat(posted)
                .containsEntry("state", "posted")
                .containsEntry("name", "BILL/2026/11/0001")
                .containsEntry("amount_residual", 250.5);
        assertThat(fault(kw("account.move", "action_post", List.of(bill))))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "The entry BILL/2026/11/0001 (id 1) is already posted."));

        fake.setField("account.move", bill, "payment_state", "paid");
        assertThat(rows(kw("account.move", "read", List.of(bill), List.of("payment_state", "amount_residual")))
                        .get(0))
                .containsEntry("payment_state", "paid")
                .containsEntry("amount_residual", 0.0);
        assertThatThrownBy(() -> fake.setField("account.move", bill, "payment_state", "bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ValueError: Wrong value for account.move.payment_state: 'bogus'");
    }

    @Test
    void customerInvoiceGetsTodayAndAYearlySequence() throws Exception {
        int partner = newPartner("Acme", null);
        int inv = (Integer) kw(
                "account.move",
                "create",
                map(
                        "move_type",
                        "out_invoice",
                        "partner_id",
                        partner,
                        "invoice_line_ids",
                        List.of(List.of(0, 0, map("name", "Fee", "price_unit", 10)))));
        kw("account.move", "action_post", List.of(List.of(inv)), null);
        int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        assertThat(fake.records("account.move").get(0))
                .containsEntry("name", "INV/" + year + "/00001")
                .containsEntry(
                        "invoice_date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    }

    @Test
    void postingChecksOfOdoo17() throws Exception {
        int noLines = (Integer) kw(
                "account.move",
                "create",
                map("move_type", "in_invoice", "partner_id", newPartner("A", null), "invoice_date", "2026-01-01"));
        assertThat(fault(kw("account.move", "action_post", List.of(noLines))))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "You need to add a line before posting."));
        int noDate = (Integer) kw(
                "account.move",
                "create",
                map(
                        "move_type",
                        "in_invoice",
                        "partner_id",
                        1,
                        "invoice_line_ids",
                        List.of(List.of(0, 0, map("name", "x", "price_unit", 1)))));
        assertThat(fault(kw("account.move", "action_post", List.of(noDate))).faultString())
                .isEqualTo("The Bill/Refund date is required to validate this document.");
        int noPartner = (Integer) kw("account.move", "create", map("move_type", "in_invoice"));
        assertThat(fault(kw("account.move", "action_post", List.of(noPartner))).faultString())
                .isEqualTo("The field 'Vendor' is required, please complete it to validate the Vendor Bill.");
    }

    @Test
    void validationFaultsAreTheOdoo17Texts() throws Exception {
        PyXmlRpc.ParsedFault badType = fault(kw("account.move", "create", map("move_type", "x")));
        assertThat(badType.faultCode()).isEqualTo(1);
        assertThat(lastLine(badType)).isEqualTo("ValueError: Wrong value for account.move.move_type: 'x'");

        assertThat(fault(kw("account.move", "create", map("move_type", "in_invoice", "partner_id", 999))))
                .isEqualTo(new PyXmlRpc.ParsedFault(
                        2, "Record does not exist or has been deleted.\n(Record: res.partner(999,), User: 2)"));
        assertThat(fault(kw("res.partner", "create", map("ref", "no-name"))))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "The operation cannot be completed: Contacts require a name"));
        assertThat(fault(kw("crm.lead", "create", map())))
                .isEqualTo(new PyXmlRpc.ParsedFault(
                        2,
                        "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another"
                                + " model requires the record being deleted. If possible, archive it instead.\n\n"
                                + "Model: Lead/Opportunity (crm.lead)\nField: Opportunity (name)\n"));
        assertThat(lastLine(fault(kw("res.partner", "create", map("name", "A", "x_code", 1)))))
                .isEqualTo("ValueError: Invalid field 'x_code' on model 'res.partner'");
        assertThat(fault(kw("res.partner", "write", List.of(List.of(42), map("name", "x")), null)))
                .isEqualTo(new PyXmlRpc.ParsedFault(
                        2,
                        "One of the records you are trying to modify has already been deleted"
                                + " (Document type: Contact).\n\n(Records: (42,), User: 2)"));
        assertThat(fault(kw("sale.order", "search", List.of())))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "Object sale.order doesn't exist"));
        assertThat(lastLine(fault(kw("res.partner", "frobnicate", List.of()))))
                .isEqualTo("AttributeError: The method 'frobnicate' does not exist on the model 'res.partner'");
    }

    @Test
    void aFaultingCallRollsBackEverything() throws Exception {
        int partner = newPartner("Acme", null);
        PyXmlRpc.ParsedFault f = fault(kw(
                "account.move",
                "create",
                map(
                        "move_type",
                        "in_invoice",
                        "partner_id",
                        partner,
                        "invoice_line_ids",
                        List.of(
                                List.of(0, 0, map("name", "ok", "price_unit", 1)),
                                List.of(0, 0, map("name", "bad", "quantity", "lots"))))));
        assertThat(lastLine(f)).isEqualTo("ValueError: could not convert string to float: 'lots'");
        assertThat(fake.records("account.move")).isEmpty();
        assertThat(fake.records("account.move.line")).isEmpty();
        assertThat(newBill(partner)).isEqualTo(1);
    }

    @Test
    void crmLeadWonAndLost() throws Exception {
        assertThat(fake.records("crm.stage"))
                .extracting(r -> r.get("name"))
                .containsExactly("New", "Qualified", "Proposition", "Won");
        int partner = newPartner("Acme", null);
        int lead = (Integer) kw("crm.lead", "create", map("partner_id", partner, "expected_revenue", 5000));
        assertThat(rows(kw("crm.lead", "read", List.of(lead), List.of("name", "stage_id", "probability")))
                        .get(0))
                .containsEntry("name", "Acme's opportunity")
                .containsEntry("stage_id", List.of(1, "New"))
                .containsEntry("probability", 10.0);
        assertThat(kw("crm.lead", "action_set_won", List.of(lead))).isEqualTo(true);
        assertThat(fake.records("crm.lead").get(0))
                .containsEntry("stage_id", List.of(4, "Won"))
                .containsEntry("probability", 100.0)
                .containsEntry("active", true);

        int lost = (Integer) kw("crm.lead", "create", map("name", "Lost one"));
        PyXmlRpc.ParsedFault f =
                fault(kw("crm.lead", "action_set_lost", List.of(List.of(lost)), map("lost_reason_id", 1)));
        assertThat(f.faultCode()).isEqualTo(1);
        assertThat(lastLine(f)).isEqualTo("TypeError: cannot marshal None unless allow_none is enabled");
        assertThat(fake.records("crm.lead").get(1))
                .containsEntry("active", false)
                .containsEntry("probability", 0.0)
                .containsEntry("lost_reason_id", List.of(1, "Too expensive"));
        assertThat(kw("crm.lead", "search", List.of(List.of()), null)).isEqualTo(List.of(1));
        assertThat(kw("crm.lead", "search", List.of(List.of()), map("context", map("active_test", false))))
                .isEqualTo(List.of(1, 2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldsGetDescribesSelectionsAndRelations() throws Exception {
        Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) kw(
                "account.move",
                "fields_get",
                List.of(),
                map("attributes", List.of("type", "string", "relation", "selection")));
        assertThat(fields.get("partner_id")).containsEntry("type", "many2one").containsEntry("relation", "res.partner");
        assertThat(fields.get("move_type")).containsEntry("type", "selection").doesNotContainKey("required");
        assertThat((List<Object>) fields.get("move_type").get("selection"))
                .contains(List.of("in_invoice", "Vendor Bill"));
    }

    // ------------------------------------------------------------------ knobs

    @Test
    void failNextInjectsEachKindOnceThenBehavesNormally() throws Exception {
        fake.failNext("account.move", "create", OdooFake.Fault.VALIDATION);
        fake.failNext("account.move", "create", OdooFake.Fault.ACCESS_DENIED);
        fake.failNext("account.move", "create", OdooFake.Fault.SERIALIZATION_FAILURE);
        fake.failNext("account.move", "create", OdooFake.Fault.MISSING_MODEL);
        Map<String, Object> vals = map("move_type", "entry");
        PyXmlRpc.ParsedFault validation = fault(kw("account.move", "create", vals));
        assertThat(validation.faultCode()).isEqualTo(2);
        assertThat(validation.faultString())
                .startsWith("The operation cannot be completed:\n")
                .endsWith("Model: Journal Entry (account.move)\nField: Date (date)\n");
        assertThat(fault(kw("account.move", "create", vals))).isEqualTo(new PyXmlRpc.ParsedFault(3, "Access Denied"));
        PyXmlRpc.ParsedFault serial = fault(kw("account.move", "create", vals));
        assertThat(serial.faultCode()).isEqualTo(1);
        assertThat(serial.faultString())
                .endsWith("psycopg2.errors.SerializationFailure: could not serialize access"
                        + " due to concurrent update\n\n");
        assertThat(fault(kw("account.move", "create", vals)))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "Object account.move doesn't exist"));
        assertThat(fake.records("account.move")).isEmpty();
        assertThat(kw("account.move", "create", vals)).isEqualTo(1);
        assertThat(fake.calls("account.move", "create")).isEqualTo(5);
    }

    @Test
    void loseNextReplyCommitsThenDropsTheConnection() throws Exception {
        fake.loseNextReply("res.partner", "create");
        assertThatThrownBy(() -> kw("res.partner", "create", map("name", "Committed")))
                .isInstanceOf(IOException.class);
        assertThat(fake.records("res.partner")).extracting(r -> r.get("name")).containsExactly("Committed");
        assertThat(kw("res.partner", "create", map("name", "Next"))).isEqualTo(2);
    }

    @Test
    void uninstallMakesTheModelUnknown() throws Exception {
        fake.uninstall("crm.lead");
        assertThat(fault(kw("crm.lead", "search", List.of())))
                .isEqualTo(new PyXmlRpc.ParsedFault(2, "Object crm.lead doesn't exist"));
        fake.install("crm.lead");
        assertThat(kw("crm.lead", "search", List.of(List.of()), null)).isEqualTo(List.of());
    }

    @Test
    void stopRefusesConnectionsAndStartReusesThePort() throws Exception {
        String url = fake.url();
        fake.stop();
        assertThatThrownBy(() -> rpc("common", "version")).isInstanceOf(ConnectException.class);
        fake.start();
        assertThat(fake.url()).isEqualTo(url);
        assertThat(rpc("common", "version")).isInstanceOf(Map.class);
    }

    @Test
    void respondWith503LooksLikeAProxyWithOdooDown() throws Exception {
        fake.respondWith503(true);
        HttpResponse<byte[]> r = post("common", PyXmlRpc.dumpsCall("version", List.of()));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html");
        fake.respondWith503(false);
        assertThat(post("common", PyXmlRpc.dumpsCall("version", List.of())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void delaySlowsEveryReply() throws Exception {
        fake.delay(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        rpc("common", "version");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        HttpRequest req = HttpRequest.newBuilder(URI.create(fake.url() + "/xmlrpc/2/common"))
                .timeout(Duration.ofMillis(100))
                .POST(HttpRequest.BodyPublishers.ofString(PyXmlRpc.dumpsCall("version", List.of())))
                .build();
        assertThatThrownBy(() -> HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void malformedOrDoctypeRequestsAreFaultsNotExecuted() throws Exception {
        HttpResponse<byte[]> r = post(
                "object",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"res.partner\">]>"
                        + "<methodCall><methodName>execute_kw</methodName></methodCall>");
        PyXmlRpc.ParsedFault f = fault(PyXmlRpc.parseResponse(r.body()));
        assertThat(f.faultCode()).isEqualTo(1);
        assertThat(lastLine(f)).startsWith("xml.parsers.expat.ExpatError: ");
    }

    @Test
    void concurrentCallersGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> jobs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                jobs.add(() -> kw("res.partner", "create", map("name", "P" + n)));
            }
            List<Object> ids = new ArrayList<>();
            for (Future<Object> f : pool.invokeAll(jobs)) {
                ids.add(f.get());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(40);
            assertThat(fake.records("res.partner")).hasSize(40);
            assertThat(fake.calls("res.partner", "create")).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetRestoresSeedDataAndCounters() throws Exception {
        newPartner("A", null);
        fake.uninstall("crm.lead");
        fake.reset();
        assertThat(fake.records("res.partner")).isEmpty();
        assertThat(fake.calls("res.partner", "create")).isZero();
        assertThat(fake.records("crm.stage")).hasSize(4);
        assertThat(newPartner("B", null)).isEqualTo(1);
        assertThat(kw("crm.lead", "search", List.of(List.of()), null)).isEqualTo(List.of());
    }
}
