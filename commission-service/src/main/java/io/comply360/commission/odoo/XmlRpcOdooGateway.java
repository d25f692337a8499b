package io.comply360.commission.odoo;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.config.CommissionConfig;
import io.comply360.commission.odoo.xmlrpc.OdooFault;
import io.comply360.commission.odoo.xmlrpc.OdooUnavailableException;
import io.comply360.commission.odoo.xmlrpc.OdooXmlRpcClient;
import io.comply360.commission.odoo.xmlrpc.XmlRpcFault;
import io.comply360.commission.odoo.xmlrpc.XmlRpcProtocolException;

/**
 * {@link OdooGateway} over Odoo's external XML-RPC API ({@code /xmlrpc/2}): each run signs in ({@code
 * authenticate}) and then calls {@code execute_kw}. Searches include archived records ({@code active_test: false})
 * so a lost lead or an archived partner is found, not created again. Every failure becomes an {@link OdooException}
 * of the kind the sync acts on.
 */
@ApplicationScoped
public class XmlRpcOdooGateway implements OdooGateway {

    private static final Map<String, Object> ALL_RECORDS = Map.of("context", Map.of("active_test", false));

    private final HttpClient http;
    private final CommissionConfig config;

    public XmlRpcOdooGateway(CommissionConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.odoo().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A signed-in connection for one run. */
    private record Session(OdooXmlRpcClient client, Connection connection, int uid) {}

    @Override
    public ServerInfo test(Connection connection) {
        OdooXmlRpcClient client = client(connection);
        Object version = guarded(() -> client.version().get("server_version"));
        Session session = signIn(client, connection);
        return new ServerInfo(String.valueOf(version), session.uid());
    }

    @Override
    public int upsertPartner(Connection connection, Integer knownId, Partner partner) {
        Session s = signIn(client(connection), connection);
        Integer id = existing(s, "res.partner", knownId, List.of(List.of("ref", "=", partner.ref())));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", partner.name());
        values.put("ref", partner.ref());
        values.put("email", partner.email() == null ? Boolean.FALSE : partner.email());
        values.put("supplier_rank", 1);
        values.put("active", true);
        return save(s, "res.partner", id, values);
    }

    @Override
    public int upsertLead(Connection connection, Integer knownId, Lead lead) {
        Session s = signIn(client(connection), connection);
        Integer id = existing(s, "crm.lead", knownId, List.of(List.of("name", "=", lead.name())));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", lead.name());
        values.put("type", "opportunity");
        values.put("expected_revenue", lead.expectedRevenue());
        values.put("description", lead.description());
        if (!"lost".equals(lead.outcome())) {
            values.put("active", true);
        }
        int saved = save(s, "crm.lead", id, values);
        if ("won".equals(lead.outcome())) {
            action(s, "crm.lead", "action_set_won", saved);
        } else if ("lost".equals(lead.outcome()) && isActive(s, "crm.lead", saved)) {
            action(s, "crm.lead", "action_set_lost", saved);
        }
        return saved;
    }

    @Override
    public int upsertPostedBill(Connection connection, Integer knownId, Bill bill) {
        Session s = signIn(client(connection), connection);
        Integer id = existing(
                s,
                "account.move",
                knownId,
                List.of(List.of("ref", "=", bill.ref()), List.of("move_type", "=", "in_invoice")));
        if (id == null) {
            Integer currency = searchOne(s, "res.currency", List.of(List.of("name", "=", bill.currency())));
            if (currency == null) {
                throw new OdooException(
                        OdooException.Kind.VALIDATION, "the currency " + bill.currency() + " is not set up in Odoo");
            }
            List<Object> lines = new ArrayList<>();
            for (BillLine line : bill.lines()) {
                lines.add(List.of(0, 0, Map.of("name", line.name(), "quantity", 1, "price_unit", line.amount())));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("move_type", "in_invoice");
            values.put("partner_id", bill.partnerId());
            values.put("invoice_date", bill.invoiceDate());
            values.put("date", bill.invoiceDate());
            values.put("ref", bill.ref());
            values.put("currency_id", currency);
            values.put("invoice_line_ids", lines);
            id = asId(execute(s, "account.move", "create", List.of(values), Map.of()));
        }
        String state = String.valueOf(read(s, "account.move", id, "state"));
        if ("draft".equals(state)) {
            action(s, "account.move", "action_post", id);
        } else if ("cancel".equals(state)) {
            throw new OdooException(OdooException.Kind.VALIDATION, "the vendor bill " + id + " was cancelled in Odoo");
        }
        return id;
    }

    @Override
    public String paymentState(Connection connection, int billId) {
        Session s = signIn(client(connection), connection);
        return String.valueOf(read(s, "account.move", billId, "payment_state"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private OdooXmlRpcClient client(Connection connection) {
        try {
            return new OdooXmlRpcClient(
                    URI.create(connection.url()),
                    http,
                    config.odoo().callTimeout(),
                    config.odoo().maxResponseBytes());
        } catch (IllegalArgumentException e) {
            throw new OdooException(OdooException.Kind.NOT_ODOO, "the URL cannot be used: " + e.getMessage());
        }
    }

    private Session signIn(OdooXmlRpcClient client, Connection c) {
        Object uid;
        try {
            uid = guarded(() -> client.authenticate(c.database(), c.login(), c.apiKey()));
        } catch (OdooException e) {
            // Odoo opens the database before it checks the key: a wrong name is a fault, not "false".
            if (e.kind() == OdooException.Kind.OTHER && e.getMessage().contains("does not exist")) {
                throw new OdooException(OdooException.Kind.ACCESS_DENIED, "Odoo has no database " + c.database(), e);
            }
            throw e;
        }
        if (!(uid instanceof Integer id)) {
            throw new OdooException(
                    OdooException.Kind.ACCESS_DENIED,
                    "Odoo refused the login " + c.login() + " or its API key for database " + c.database());
        }
        return new Session(client, c, id);
    }

    private Object execute(Session s, String model, String method, List<?> args, Map<String, ?> kwargs) {
        return guarded(() -> s.client()
                .executeKw(s.connection().database(), s.uid(), s.connection().apiKey(), model, method, args, kwargs));
    }

    /**
     * A button method on one record. Odoo 17 answers some (e.g. {@code crm.lead.action_set_lost}) with None, which
     * its XML-RPC layer cannot send: the method ran and committed, the reply is a "cannot marshal None" fault.
     */
    private void action(Session s, String model, String method, int id) {
        try {
            execute(s, model, method, List.of(List.of(id)), Map.of());
        } catch (OdooException e) {
            if (e.kind() != OdooException.Kind.OTHER || !e.getMessage().contains("cannot marshal None")) {
                throw e;
            }
        }
    }

    /** The record's id if {@code knownId} still exists, else the one {@code domain} finds, else null. */
    private Integer existing(Session s, String model, Integer knownId, List<?> domain) {
        if (knownId != null && searchOne(s, model, List.of(List.of("id", "=", knownId))) != null) {
            return knownId;
        }
        return searchOne(s, model, domain);
    }

    private Integer searchOne(Session s, String model, List<?> domain) {
        Map<String, Object> kwargs = new LinkedHashMap<>(ALL_RECORDS);
        kwargs.put("limit", 1);
        Object found = execute(s, model, "search", List.of(domain), kwargs);
        return found instanceof List<?> ids && !ids.isEmpty() ? asId(ids.get(0)) : null;
    }

    private int save(Session s, String model, Integer id, Map<String, Object> values) {
        if (id == null) {
            return asId(execute(s, model, "create", List.of(values), Map.of()));
        }
        execute(s, model, "write", List.of(List.of(id), values), Map.of());
        return id;
    }

    private boolean isActive(Session s, String model, int id) {
        return Boolean.TRUE.equals(read(s, model, id, "active"));
    }

    private Object read(Session s, String model, int id, String field) {
        Object rows = execute(s, model, "read", List.of(List.of(id)), Map.of("fields", List.of(field)));
        if (rows instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> row) {
            return row.get(field);
        }
        throw new OdooException(OdooException.Kind.VALIDATION, model + " " + id + " no longer exists in Odoo");
    }

    private static int asId(Object value) {
        if (value instanceof Integer id) {
            return id;
        }
        throw new OdooException(OdooException.Kind.OTHER, "Odoo answered " + value + " where an id was expected");
    }

    /** Runs a call, turning the client's failures into the kinds the sync acts on. */
    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (XmlRpcFault f) {
            String message = OdooFault.summary(f);
            throw switch (OdooFault.classify(f)) {
                case ACCESS_DENIED -> new OdooException(OdooException.Kind.ACCESS_DENIED, message);
                case VALIDATION -> new OdooException(OdooException.Kind.VALIDATION, message);
                case MISSING_MODEL -> new OdooException(OdooException.Kind.MISSING_MODEL, message);
                case CONCURRENCY -> new OdooException(OdooException.Kind.UNAVAILABLE, message);
                case OTHER -> new OdooException(OdooException.Kind.OTHER, message);
            };
        } catch (OdooUnavailableException e) {
            throw new OdooException(
                    e.transientFailure() ? OdooException.Kind.UNAVAILABLE : OdooException.Kind.NOT_ODOO,
                    e.getMessage());
        } catch (XmlRpcProtocolException e) {
            throw new OdooException(OdooException.Kind.OTHER, "Odoo's answer was not XML-RPC: " + e.getMessage());
        }
    }
}
