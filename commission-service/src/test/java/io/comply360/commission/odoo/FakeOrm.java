package io.comply360.commission.odoo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The in-memory "database + ORM" behind {@link OdooFake}. Not thread-safe by itself: {@link OdooFake} serialises every
 * access under one lock, and each {@code execute_kw} runs in a pseudo-transaction ({@link #snapshot()} /
 * {@link #restore(Object)}), so a call that faults leaves no partial writes, like Odoo's cursor rollback.
 *
 * <p>Field values are held in "cache format": char/text/html/selection/date/datetime as String or null, integer as
 * Integer, float/monetary as Double, boolean as Boolean, many2one as Integer id or null. one2many values are derived
 * from the inverse many2one. {@link #toRead} converts to what Odoo 17's {@code read()} returns over XML-RPC.
 */
final class FakeOrm {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    // --------------------------------------------------------------- metadata

    static final class Field {
        final String name;
        final String type;
        final String string;
        boolean required;
        boolean computed;
        boolean readonly;
        String relation;
        String inverse;
        final LinkedHashMap<String, String> selection = new LinkedHashMap<>();
        Function<Map<String, Object>, Object> dflt;

        Field(String name, String type, String string) {
            this.name = name;
            this.type = type;
            this.string = string;
        }
    }

    static final class Model {
        final String name;
        final String description;
        final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();
        TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>();
        int nextId = 1;
        boolean installed = true;

        Model(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Field add(String name, String type, String string) {
            Field f = new Field(name, type, string);
            fields.put(name, f);
            return f;
        }
    }

    final Map<String, Model> models = new LinkedHashMap<>();
    private Map<String, Integer> sequences = new HashMap<>();
    final int uid;
    private final Clock clock;

    FakeOrm(int uid, Clock clock) {
        this.uid = uid;
        this.clock = clock;
        define();
        seed();
    }

    String today() {
        return LocalDate.now(clock).toString();
    }

    String now() {
        return LocalDateTime.now(clock).withNano(0).format(DATETIME);
    }

    private static Field sel(Field f, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            f.selection.put(pairs[i], pairs[i + 1]);
        }
        return f;
    }

    private static Field m2o(Model m, String name, String relation, String string) {
        Field f = m.add(name, "many2one", string);
        f.relation = relation;
        return f;
    }

    private static Field o2m(Model m, String name, String relation, String inverse, String string) {
        Field f = m.add(name, "one2many", string);
        f.relation = relation;
        f.inverse = inverse;
        return f;
    }

    private static Field computed(Field f) {
        f.computed = true;
        f.readonly = true;
        return f;
    }

    private void audit(Model m) {
        computed(m.add("display_name", "char", "Display Name"));
        m.add("create_date", "datetime", "Created on").readonly = true;
        m.add("write_date", "datetime", "Last Updated on").readonly = true;
    }

    private void define() {
        Model partner = new Model("res.partner", "Contact");
        partner.add("name", "char", "Name");
        partner.add("ref", "char", "Reference");
        partner.add("email", "char", "Email");
        partner.add("phone", "char", "Phone");
        partner.add("mobile", "char", "Mobile");
        partner.add("vat", "char", "Tax ID");
        partner.add("street", "char", "Street");
        partner.add("city", "char", "City");
        partner.add("zip", "char", "Zip");
        partner.add("is_company", "boolean", "Is a Company").dflt = v -> false;
        sel(
                                partner.add("type", "selection", "Address Type"),
                                "contact",
                                "Contact",
                                "invoice",
                                "Invoice Address",
                                "delivery",
                                "Delivery Address",
                                "other",
                                "Other Address")
                        .dflt =
                v -> "contact";
        m2o(partner, "parent_id", "res.partner", "Related Company");
        o2m(partner, "child_ids", "res.partner", "parent_id", "Contact");
        partner.add("active", "boolean", "Active").dflt = v -> true;
        partner.add("comment", "html", "Notes");
        partner.add("customer_rank", "integer", "Customer Rank");
        partner.add("supplier_rank", "integer", "Supplier Rank");
        audit(partner);
        models.put(partner.name, partner);

        Model currency = new Model("res.currency", "Currency");
        currency.add("name", "char", "Currency").required = true;
        currency.add("symbol", "char", "Symbol").required = true;
        currency.add("active", "boolean", "Active").dflt = v -> true;
        audit(currency);
        models.put(currency.name, currency);

        Model journal = new Model("account.journal", "Journal");
        journal.add("name", "char", "Journal Name").required = true;
        journal.add("code", "char", "Short Code").required = true;
        sel(
                        journal.add("type", "selection", "Type"),
                        "sale",
                        "Sales",
                        "purchase",
                        "Purchase",
                        "cash",
                        "Cash",
                        "bank",
                        "Bank",
                        "general",
                        "Miscellaneous")
                .required = true;
        journal.add("active", "boolean", "Active").dflt = v -> true;
        audit(journal);
        models.put(journal.name, journal);

        Model stage = new Model("crm.stage", "CRM Stages");
        stage.add("name", "char", "Stage Name").required = true;
        stage.add("sequence", "integer", "Sequence").dflt = v -> 1;
        stage.add("is_won", "boolean", "Is Won Stage?");
        stage.add("fold", "boolean", "Folded in Pipeline");
        audit(stage);
        models.put(stage.name, stage);

        Model lostReason = new Model("crm.lost.reason", "Opp. Lost Reason");
        lostReason.add("name", "char", "Description").required = true;
        lostReason.add("active", "boolean", "Active").dflt = v -> true;
        audit(lostReason);
        models.put(lostReason.name, lostReason);

        Model lead = new Model("crm.lead", "Lead/Opportunity");
        lead.add("name", "char", "Opportunity").required = true;
        m2o(lead, "partner_id", "res.partner", "Customer");
        lead.add("partner_name", "char", "Company Name");
        lead.add("contact_name", "char", "Contact Name");
        lead.add("email_from", "char", "Email");
        lead.add("phone", "char", "Phone");
        sel(lead.add("type", "selection", "Type"), "lead", "Lead", "opportunity", "Opportunity").dflt =
                v -> "opportunity";
        lead.fields.get("type").required = true;
        m2o(lead, "stage_id", "crm.stage", "Stage").dflt = v -> firstStageId();
        lead.add("probability", "float", "Probability").dflt = v -> 10.0;
        lead.add("expected_revenue", "monetary", "Expected Revenue");
        lead.add("active", "boolean", "Active").dflt = v -> true;
        lead.add("description", "html", "Notes");
        lead.add("date_deadline", "date", "Expected Closing");
        lead.add("date_closed", "datetime", "Closed Date").readonly = true;
        m2o(lead, "lost_reason_id", "crm.lost.reason", "Lost Reason");
        audit(lead);
        models.put(lead.name, lead);

        Model move = new Model("account.move", "Journal Entry");
        move.add("name", "char", "Number").dflt = v -> "/";
        sel(
                                move.add("move_type", "selection", "Type"),
                                "entry",
                                "Journal Entry",
                                "out_invoice",
                                "Customer Invoice",
                                "out_refund",
                                "Customer Credit Note",
                                "in_invoice",
                                "Vendor Bill",
                                "in_refund",
                                "Vendor Credit Note",
                                "out_receipt",
                                "Sales Receipt",
                                "in_receipt",
                                "Purchase Receipt")
                        .dflt =
                v -> "entry";
        move.fields.get("move_type").required = true;
        Field state = sel(
                move.add("state", "selection", "Status"), "draft", "Draft", "posted", "Posted", "cancel", "Cancelled");
        state.required = true;
        state.readonly = true;
        state.dflt = v -> "draft";
        Field paymentState = sel(
                move.add("payment_state", "selection", "Payment Status"),
                "not_paid",
                "Not Paid",
                "in_payment",
                "In Payment",
                "paid",
                "Paid",
                "partial",
                "Partially Paid",
                "reversed",
                "Reversed",
                "invoicing_legacy",
                "Invoicing App Legacy");
        paymentState.readonly = true;
        paymentState.dflt = v -> "not_paid";
        m2o(move, "partner_id", "res.partner", "Partner");
        move.add("ref", "char", "Reference");
        move.add("invoice_date", "date", "Invoice/Bill Date");
        move.add("invoice_date_due", "date", "Due Date");
        move.add("date", "date", "Date").required = true;
        m2o(move, "journal_id", "account.journal", "Journal").required = true;
        m2o(move, "currency_id", "res.currency", "Currency").required = true;
        o2m(move, "invoice_line_ids", "account.move.line", "move_id", "Invoice lines");
        computed(move.add("amount_untaxed", "monetary", "Untaxed Amount"));
        computed(move.add("amount_tax", "monetary", "Tax"));
        computed(move.add("amount_total", "monetary", "Total"));
        computed(move.add("amount_residual", "monetary", "Amount Due"));
        move.add("payment_reference", "char", "Payment Reference");
        move.add("invoice_origin", "char", "Origin");
        move.add("narration", "html", "Terms and Conditions");
        audit(move);
        models.put(move.name, move);

        Model line = new Model("account.move.line", "Journal Item");
        m2o(line, "move_id", "account.move", "Journal Entry").required = true;
        line.add("name", "char", "Label");
        line.add("quantity", "float", "Quantity").dflt = v -> 1.0;
        line.add("price_unit", "float", "Unit Price");
        computed(line.add("price_subtotal", "monetary", "Subtotal"));
        computed(line.add("price_total", "monetary", "Total"));
        computed(m2o(line, "partner_id", "res.partner", "Partner"));
        audit(line);
        models.put(line.name, line);
    }

    private void seed() {
        insertRaw("res.currency", Map.of("name", "EUR", "symbol", "€"));
        insertRaw("res.currency", Map.of("name", "USD", "symbol", "$"));
        insertRaw("account.journal", Map.of("name", "Customer Invoices", "code", "INV", "type", "sale"));
        insertRaw("account.journal", Map.of("name", "Vendor Bills", "code", "BILL", "type", "purchase"));
        insertRaw("account.journal", Map.of("name", "Miscellaneous Operations", "code", "MISC", "type", "general"));
        insertRaw("crm.stage", Map.of("name", "New", "sequence", 1, "is_won", false));
        insertRaw("crm.stage", Map.of("name", "Qualified", "sequence", 2, "is_won", false));
        insertRaw("crm.stage", Map.of("name", "Proposition", "sequence", 3, "is_won", false));
        insertRaw("crm.stage", Map.of("name", "Won", "sequence", 70, "is_won", true, "fold", false));
        insertRaw("crm.lost.reason", Map.of("name", "Too expensive"));
        insertRaw("crm.lost.reason", Map.of("name", "We don't have people/skills"));
        insertRaw("crm.lost.reason", Map.of("name", "Not enough stock"));
    }

    private void insertRaw(String model, Map<String, Object> vals) {
        Model m = models.get(model);
        Map<String, Object> row = new HashMap<>();
        for (Field f : m.fields.values()) {
            if (f.dflt != null) {
                row.put(f.name, f.dflt.apply(row));
            }
        }
        row.putAll(vals);
        int id = m.nextId++;
        row.put("id", id);
        row.put("create_date", now());
        row.put("write_date", now());
        m.rows.put(id, row);
    }

    private Integer firstStageId() {
        Model stages = models.get("crm.stage");
        return stages.rows.values().stream()
                .min(Comparator.comparingInt((Map<String, Object> r) -> (Integer) r.get("sequence"))
                        .thenComparingInt(r -> (Integer) r.get("id")))
                .map(r -> (Integer) r.get("id"))
                .orElse(null);
    }

    // --------------------------------------------------------------- transactions

    Object snapshot() {
        Map<String, Object> snap = new HashMap<>();
        for (Model m : models.values()) {
            TreeMap<Integer, Map<String, Object>> copy = new TreeMap<>();
            m.rows.forEach((id, row) -> copy.put(id, new HashMap<>(row)));
            snap.put(m.name, new Object[] {copy, m.nextId, m.installed});
        }
        snap.put("__sequences", new HashMap<>(sequences));
        return snap;
    }

    @SuppressWarnings("unchecked")
    void restore(Object snapshot) {
        Map<String, Object> snap = (Map<String, Object>) snapshot;
        for (Model m : models.values()) {
            Object[] s = (Object[]) snap.get(m.name);
            m.rows = (TreeMap<Integer, Map<String, Object>>) s[0];
            m.nextId = (Integer) s[1];
            m.installed = (Boolean) s[2];
        }
        sequences = (Map<String, Integer>) snap.get("__sequences");
    }

    // --------------------------------------------------------------- entry point

    Model model(String name) {
        Model m = models.get(name);
        if (m == null || !m.installed) {
            // odoo/service/model.py execute_cr: raise UserError(_("Object %s doesn't exist", obj))
            throw OdooError.userError("Object " + name + " doesn't exist");
        }
        return m;
    }

    /** {@code odoo.api.call_kw(recs, method, args, kw)} restricted to what the fake supports. */
    Object call(String modelName, String method, List<Object> args, Map<String, Object> kw) {
        if (method.startsWith("_") || method.equals("init")) {
            // odoo/models.py check_method_name, called by service/model.py execute() before the model lookup
            throw OdooError.accessError("Private methods (such as " + method + ") cannot be called remotely.");
        }
        Model m = model(modelName);
        Args a = new Args(args, kw);
        switch (method) {
            case "search":
                return search(
                        m,
                        domainArg(a.get(0, "domain", List.of())),
                        a.intOrNull(1, "offset"),
                        a.intOrNull(2, "limit"),
                        a.str(3, "order"),
                        activeTest(kw));
            case "search_count":
                return search(
                                m,
                                domainArg(a.get(0, "domain", List.of())),
                                null,
                                a.intOrNull(1, "limit"),
                                null,
                                activeTest(kw))
                        .size();
            case "search_read": {
                List<Integer> ids = search(
                        m,
                        domainArg(a.get(0, "domain", List.of())),
                        a.intOrNull(2, "offset"),
                        a.intOrNull(3, "limit"),
                        a.str(4, "order"),
                        activeTest(kw));
                return read(m, ids, fieldsArg(m, a.get(1, "fields", null)), true);
            }
            case "read": {
                List<Integer> ids = idsArg(a.get(0, "ids", List.of()));
                Object load = a.get(2, "load", "_classic_read");
                return read(m, ids, fieldsArg(m, a.get(1, "fields", null)), "_classic_read".equals(load));
            }
            case "create":
                return create(m, a.get(0, "vals_list", null));
            case "write":
                write(m, idsArg(a.get(0, "ids", List.of())), dictArg(a.get(1, "vals", null)));
                return true;
            case "unlink":
                unlink(m, idsArg(a.get(0, "ids", List.of())));
                return true;
            case "fields_get":
                return fieldsGet(m, a.get(0, "allfields", null), a.get(1, "attributes", null));
            default:
                break;
        }
        if (m.name.equals("account.move") && method.equals("action_post")) {
            actionPost(m, idsArg(a.get(0, "ids", List.of())));
            return false; // account_move.py action_post(): "return False"
        }
        if (m.name.equals("crm.lead") && method.equals("action_set_won")) {
            actionSetWon(m, idsArg(a.get(0, "ids", List.of())));
            return true;
        }
        if (m.name.equals("crm.lead") && method.equals("action_set_lost")) {
            Map<String, Object> extra = new LinkedHashMap<>(kw);
            extra.remove("context");
            actionSetLost(m, idsArg(a.get(0, "ids", List.of())), extra);
            return null; // returns action_archive()'s result, i.e. None: XML-RPC cannot marshal it
        }
        // odoo/api.py call_kw (17.0)
        throw OdooError.python(
                "AttributeError: The method '" + method + "' does not exist on the model '" + m.name + "'");
    }

    private static boolean activeTest(Map<String, Object> kw) {
        Object ctx = kw.get("context");
        if (ctx instanceof Map<?, ?> c && c.containsKey("active_test")) {
            return truthy(c.get("active_test"));
        }
        return true;
    }

    /** Positional-or-keyword argument access, like Python's call binding. */
    private static final class Args {
        final List<Object> args;
        final Map<String, Object> kw;

        Args(List<Object> args, Map<String, Object> kw) {
            this.args = args;
            this.kw = kw;
        }

        Object get(int index, String name, Object dflt) {
            if (index < args.size()) {
                return args.get(index);
            }
            return kw.containsKey(name) ? kw.get(name) : dflt;
        }

        Integer intOrNull(int index, String name) {
            Object v = get(index, name, null);
            if (v == null || Boolean.FALSE.equals(v)) {
                return null;
            }
            if (v instanceof Number n) {
                return n.intValue();
            }
            throw OdooError.python("TypeError: '" + name + "' must be an integer, got " + PyXmlRpc.pyRepr(v));
        }

        String str(int index, String name) {
            Object v = get(index, name, null);
            return v instanceof String s ? s : null;
        }
    }

    private static List<Object> domainArg(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw OdooError.python("ValueError: Invalid domain: " + PyXmlRpc.pyRepr(v));
    }

    private static List<Integer> idsArg(Object v) {
        if (v instanceof Number n) {
            return List.of(n.intValue());
        }
        if (v instanceof List<?> l) {
            List<Integer> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof Number n)) {
                    throw OdooError.python("TypeError: ids must be integers, got " + PyXmlRpc.pyRepr(o));
                }
                if (!out.contains(n.intValue())) {
                    out.add(n.intValue());
                }
            }
            return out;
        }
        if (v == null || Boolean.FALSE.equals(v)) {
            return List.of();
        }
        throw OdooError.python("TypeError: ids must be integers, got " + PyXmlRpc.pyRepr(v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dictArg(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw OdooError.python("AttributeError: '" + pyType(v) + "' object has no attribute 'items'");
    }

    private static String pyType(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        return "dict";
    }

    private List<String> fieldsArg(Model m, Object v) {
        List<String> out = new ArrayList<>();
        if (v == null || Boolean.FALSE.equals(v) || (v instanceof List<?> l && l.isEmpty())) {
            out.addAll(m.fields.keySet());
            return out;
        }
        if (!(v instanceof List<?> l)) {
            throw OdooError.python("TypeError: fields must be a list, got " + PyXmlRpc.pyRepr(v));
        }
        for (Object o : l) {
            String f = String.valueOf(o);
            if (!f.equals("id") && !m.fields.containsKey(f)) {
                throw OdooError.python(
                        "ValueError: Invalid field " + PyXmlRpc.pyRepr(f) + " on model " + PyXmlRpc.pyRepr(m.name));
            }
            if (!f.equals("id") && !out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    // --------------------------------------------------------------- read

    List<Map<String, Object>> read(Model m, List<Integer> ids, List<String> fields, boolean classic) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Integer id : ids) {
            Map<String, Object> row = m.rows.get(id);
            if (row == null) {
                continue; // 17.0 _read_format: missing records are silently dropped
            }
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("id", id);
            for (String f : fields) {
                vals.put(f, toRead(m, row, m.fields.get(f), classic));
            }
            out.add(vals);
        }
        return out;
    }

    /** Field.convert_to_read as seen over XML-RPC. */
    Object toRead(Model m, Map<String, Object> row, Field f, boolean classic) {
        Object v = raw(m, row, f);
        switch (f.type) {
            case "integer":
                return v == null ? 0 : v;
            case "float":
            case "monetary":
                return v == null ? 0.0 : v;
            case "boolean":
                return v != null && (Boolean) v;
            case "many2one": {
                if (v == null) {
                    return false;
                }
                if (!classic) {
                    return v;
                }
                Model target = models.get(f.relation);
                Map<String, Object> trow = target.rows.get((Integer) v);
                String name = trow == null ? "" : displayName(target, trow);
                List<Object> pair = new ArrayList<>();
                pair.add(v);
                pair.add(name);
                return pair;
            }
            case "one2many":
                return v;
            default:
                return v == null ? Boolean.FALSE : v;
        }
    }

    /** Value in cache format, computing computed fields. */
    Object raw(Model m, Map<String, Object> row, Field f) {
        if (f.type.equals("one2many")) {
            Model target = models.get(f.relation);
            Object id = row.get("id");
            List<Integer> ids = new ArrayList<>();
            target.rows.forEach((tid, trow) -> {
                if (Objects.equals(trow.get(f.inverse), id)) {
                    ids.add(tid);
                }
            });
            return ids;
        }
        if (!f.computed) {
            return row.get(f.name);
        }
        switch (m.name + "." + f.name) {
            case "account.move.amount_untaxed":
            case "account.move.amount_total":
                return moveTotal(row);
            case "account.move.amount_tax":
                return 0.0;
            case "account.move.amount_residual": {
                Object ps = row.get("payment_state");
                if (!"posted".equals(row.get("state"))) {
                    return moveTotal(row);
                }
                return ("paid".equals(ps) || "in_payment".equals(ps) || "reversed".equals(ps)) ? 0.0 : moveTotal(row);
            }
            case "account.move.line.price_subtotal":
            case "account.move.line.price_total":
                return round2(num(row.get("quantity")) * num(row.get("price_unit")));
            case "account.move.line.partner_id": {
                Map<String, Object> move = models.get("account.move").rows.get((Integer) row.get("move_id"));
                return move == null ? null : move.get("partner_id");
            }
            default:
                break;
        }
        if (f.name.equals("display_name")) {
            return displayName(m, row);
        }
        return null;
    }

    private double moveTotal(Map<String, Object> move) {
        Object id = move.get("id");
        double total = 0.0;
        for (Map<String, Object> line : models.get("account.move.line").rows.values()) {
            if (Objects.equals(line.get("move_id"), id)) {
                total += num(line.get("quantity")) * num(line.get("price_unit"));
            }
        }
        return round2(total);
    }

    private static double round2(double d) {
        return Math.round(d * 100.0) / 100.0;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    String displayName(Model m, Map<String, Object> row) {
        switch (m.name) {
            case "res.partner": {
                String name = row.get("name") == null ? "" : (String) row.get("name");
                Object parent = row.get("parent_id");
                if (parent != null && !Boolean.TRUE.equals(row.get("is_company"))) {
                    Map<String, Object> p = m.rows.get((Integer) parent);
                    if (p != null && p.get("name") != null) {
                        return p.get("name") + ", " + name;
                    }
                }
                return name;
            }
            case "account.move": {
                // account_move.py _get_move_display_name(show_ref=True)
                StringBuilder b = new StringBuilder();
                if ("draft".equals(row.get("state"))) {
                    b.append(
                                    switch (String.valueOf(row.get("move_type"))) {
                                        case "out_invoice" -> "Draft Invoice";
                                        case "out_refund" -> "Draft Credit Note";
                                        case "in_invoice" -> "Draft Bill";
                                        case "in_refund" -> "Draft Vendor Credit Note";
                                        case "out_receipt" -> "Draft Sales Receipt";
                                        case "in_receipt" -> "Draft Purchase Receipt";
                                        default -> "Draft Entry";
                                    })
                            .append(' ');
                }
                Object name = row.get("name");
                if (name == null || "/".equals(name)) {
                    b.append("(* ").append(row.get("id")).append(')');
                } else {
                    b.append(name);
                }
                Object ref = row.get("ref");
                if (ref != null && !((String) ref).isEmpty()) {
                    String r = (String) ref;
                    b.append(" (")
                            .append(r.length() > 50 ? r.substring(0, 45) + " [...]" : r)
                            .append(')');
                }
                return b.toString();
            }
            case "account.move.line": {
                Object name = row.get("name");
                return name == null ? "" : (String) name;
            }
            default:
                Object name = row.get("name");
                return name == null ? "" : String.valueOf(name);
        }
    }

    // --------------------------------------------------------------- search

    List<Integer> search(
            Model m, List<Object> domain, Integer offset, Integer limit, String order, boolean activeTest) {
        Expr expr = parseDomain(m, domain);
        boolean mentionsActive = domain.stream()
                .anyMatch(t -> t instanceof List<?> l
                        && !l.isEmpty()
                        && String.valueOf(l.get(0)).split("\\.")[0].equals("active"));
        boolean filterActive = activeTest && m.fields.containsKey("active") && !mentionsActive;
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> row : m.rows.values()) {
            if (filterActive && !Boolean.TRUE.equals(row.get("active"))) {
                continue;
            }
            if (expr.test(row)) {
                hits.add(row);
            }
        }
        hits.sort(orderComparator(m, order));
        int from = offset == null ? 0 : Math.max(0, offset);
        int to = limit == null ? hits.size() : Math.min(hits.size(), from + limit);
        List<Integer> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add((Integer) hits.get(i).get("id"));
        }
        return ids;
    }

    private Comparator<Map<String, Object>> orderComparator(Model m, String order) {
        Comparator<Map<String, Object>> byId = Comparator.comparingInt(r -> (Integer) r.get("id"));
        if (order == null || order.isBlank()) {
            return byId;
        }
        Comparator<Map<String, Object>> cmp = null;
        for (String part : order.split(",")) {
            String[] bits = part.trim().split("\\s+");
            String fname = bits[0];
            boolean desc = bits.length > 1 && bits[1].equalsIgnoreCase("desc");
            Comparator<Map<String, Object>> c;
            if (fname.equals("id")) {
                c = byId;
            } else {
                Field f = m.fields.get(fname);
                if (f == null) {
                    throw OdooError.python("ValueError: Invalid \"order\" specified (" + order
                            + "). A valid \"order\" specification is a comma-separated list of valid field names"
                            + " (optionally followed by asc/desc for the direction)");
                }
                c = (a, b) -> compareNullsLast(raw(m, a, f), raw(m, b, f));
            }
            if (desc) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        return cmp.thenComparing(byId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNullsLast(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    interface Expr {
        boolean test(Map<String, Object> row);
    }

    /** Polish-notation domain with implicit '&' between top-level terms (odoo/osv/expression.py normalize). */
    private Expr parseDomain(Model m, List<Object> domain) {
        int[] pos = {0};
        List<Expr> terms = new ArrayList<>();
        while (pos[0] < domain.size()) {
            terms.add(parseTerm(m, domain, pos));
        }
        return row -> terms.stream().allMatch(t -> t.test(row));
    }

    private Expr parseTerm(Model m, List<Object> domain, int[] pos) {
        if (pos[0] >= domain.size()) {
            throw OdooError.python(
                    "ValueError: Invalid domain " + PyXmlRpc.pyRepr(domain) + ": an operator is missing operands");
        }
        Object tok = domain.get(pos[0]++);
        if ("&".equals(tok) || "|".equals(tok)) {
            Expr a = parseTerm(m, domain, pos);
            Expr b = parseTerm(m, domain, pos);
            return "&".equals(tok) ? row -> a.test(row) && b.test(row) : row -> a.test(row) || b.test(row);
        }
        if ("!".equals(tok)) {
            Expr a = parseTerm(m, domain, pos);
            return row -> !a.test(row);
        }
        if (tok instanceof List<?> leaf && leaf.size() == 3) {
            return leaf(m, String.valueOf(leaf.get(0)), String.valueOf(leaf.get(1)), leaf.get(2), leaf);
        }
        throw OdooError.python("ValueError: Invalid leaf " + leafRepr(tok));
    }

    private static String leafRepr(Object leaf) {
        if (leaf instanceof List<?> l) {
            String inner = l.stream().map(PyXmlRpc::pyRepr).collect(Collectors.joining(", "));
            return "(" + inner + (l.size() == 1 ? ",)" : ")");
        }
        return PyXmlRpc.pyRepr(leaf);
    }

    private static final List<String> OPERATORS = List.of(
            "=",
            "!=",
            "<>",
            "<",
            "<=",
            ">",
            ">=",
            "in",
            "not in",
            "like",
            "not like",
            "ilike",
            "not ilike",
            "=like",
            "=ilike");

    private Expr leaf(Model m, String path, String op, Object value, List<?> leaf) {
        String opLower = op.toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(opLower)) {
            throw OdooError.python("ValueError: Invalid leaf " + leafRepr(leaf));
        }
        String head = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        String rest = path.contains(".") ? path.substring(path.indexOf('.') + 1) : null;
        Field f = head.equals("id") ? null : m.fields.get(head);
        if (f == null && !head.equals("id")) {
            throw OdooError.python("ValueError: Invalid field " + m.name + "." + head + " in leaf " + leafRepr(leaf));
        }
        if (rest != null) {
            if (!f.type.equals("many2one")) {
                throw OdooError.python(
                        "ValueError: Invalid field " + m.name + "." + path + " in leaf " + leafRepr(leaf));
            }
            Model target = models.get(f.relation);
            Expr sub = leaf(target, rest, op, value, leaf);
            return row -> {
                Object id = raw(m, row, f);
                Map<String, Object> trow = id == null ? null : target.rows.get((Integer) id);
                return trow != null && sub.test(trow);
            };
        }
        return row -> {
            Object v = f == null ? row.get("id") : raw(m, row, f);
            if (f != null && f.type.equals("many2one") && value instanceof String s && opLower.contains("like")) {
                Map<String, Object> trow =
                        v == null ? null : models.get(f.relation).rows.get((Integer) v);
                v = trow == null ? null : displayName(models.get(f.relation), trow);
            }
            if (v instanceof List<?> ids) { // one2many: any
                return ids.stream().anyMatch(x -> compare(x, opLower, value));
            }
            return compare(v, opLower, value);
        };
    }

    private static boolean compare(Object v, String op, Object value) {
        switch (op) {
            case "=":
                return eq(v, value);
            case "!=":
            case "<>":
                return !eq(v, value);
            case "in":
                return value instanceof Collection<?> c ? c.stream().anyMatch(x -> eq(v, x)) : eq(v, value);
            case "not in":
                return value instanceof Collection<?> c ? c.stream().noneMatch(x -> eq(v, x)) : !eq(v, value);
            case "like":
            case "ilike":
            case "not like":
            case "not ilike": {
                if (v == null || Boolean.FALSE.equals(value)) {
                    return op.startsWith("not");
                }
                boolean ci = op.contains("ilike");
                String hay = ci ? String.valueOf(v).toLowerCase(Locale.ROOT) : String.valueOf(v);
                String needle = ci ? String.valueOf(value).toLowerCase(Locale.ROOT) : String.valueOf(value);
                boolean hit = likePattern("%" + needle + "%").matcher(hay).matches();
                return op.startsWith("not") != hit;
            }
            case "=like":
            case "=ilike": {
                if (v == null) {
                    return false;
                }
                boolean ci = op.equals("=ilike");
                String hay = ci ? String.valueOf(v).toLowerCase(Locale.ROOT) : String.valueOf(v);
                String pat = ci ? String.valueOf(value).toLowerCase(Locale.ROOT) : String.valueOf(value);
                return likePattern(pat).matcher(hay).matches();
            }
            default: {
                if (v == null || value == null || Boolean.FALSE.equals(value)) {
                    return false;
                }
                int c = compareNullsLast(v, value);
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            }
        }
    }

    private static Pattern likePattern(String like) {
        StringBuilder b = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%') {
                b.append(".*");
            } else if (c == '_') {
                b.append('.');
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }

    private static boolean eq(Object v, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            if (v instanceof Boolean b) {
                return !b;
            }
            return v == null || "".equals(v);
        }
        if (v == null) {
            return false;
        }
        if (v instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (v instanceof Boolean a) {
            return a.equals(truthy(value));
        }
        return v.equals(value) || String.valueOf(v).equals(String.valueOf(value));
    }

    static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.doubleValue() != 0.0;
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        if (o instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (o instanceof Map<?, ?> mm) {
            return !mm.isEmpty();
        }
        return true;
    }

    // --------------------------------------------------------------- write path

    /** Field.convert_to_cache with Odoo 17's validation messages. */
    Object convert(Model m, Field f, Object value) {
        switch (f.type) {
            case "char":
            case "text":
            case "html":
                if (value == null || Boolean.FALSE.equals(value)) {
                    return null;
                }
                if (value instanceof Boolean) {
                    return "True";
                }
                if (value instanceof Double d) {
                    return PyXmlRpc.pyFloatRepr(d);
                }
                return String.valueOf(value);
            case "selection":
                if (!truthy(value)) {
                    return null;
                }
                if (value instanceof String s && f.selection.containsKey(s)) {
                    return s;
                }
                // fields.py Selection.convert_to_cache
                throw OdooError.python(
                        "ValueError: Wrong value for " + m.name + "." + f.name + ": " + PyXmlRpc.pyRepr(value));
            case "integer":
                if (!truthy(value)) {
                    return 0;
                }
                if (value instanceof Number n) {
                    return n.intValue();
                }
                if (value instanceof Boolean) {
                    return 1;
                }
                try {
                    return Integer.parseInt(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw OdooError.python(
                            "ValueError: invalid literal for int() with base 10: " + PyXmlRpc.pyRepr(value));
                }
            case "float":
            case "monetary":
                if (!truthy(value)) {
                    return 0.0;
                }
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                if (value instanceof Boolean) {
                    return 1.0;
                }
                try {
                    return Double.parseDouble(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw OdooError.python("ValueError: could not convert string to float: " + PyXmlRpc.pyRepr(value));
                }
            case "boolean":
                return truthy(value);
            case "date":
                if (!truthy(value)) {
                    return null;
                }
                return parseDate(String.valueOf(value));
            case "datetime":
                if (!truthy(value)) {
                    return null;
                }
                return parseDatetime(String.valueOf(value));
            case "many2one": {
                if (!truthy(value)) {
                    return null;
                }
                Object idv = value;
                if (value instanceof List<?> l && !l.isEmpty()) {
                    idv = l.get(0);
                }
                if (!(idv instanceof Number n)) {
                    throw OdooError.python(
                            "ValueError: Wrong value for " + m.name + "." + f.name + ": " + PyXmlRpc.pyRepr(value));
                }
                int id = n.intValue();
                Model target = models.get(f.relation);
                if (!target.rows.containsKey(id)) {
                    throw missingRecord(target, id);
                }
                return id;
            }
            default:
                throw new IllegalStateException(f.type);
        }
    }

    /** fields.py __get__ on a deleted/nonexistent record. */
    OdooError missingRecord(Model target, int id) {
        return OdooError.userError("Record does not exist or has been deleted.\n(Record: " + target.name + "(" + id
                + ",), User: " + uid + ")");
    }

    private static String parseDate(String s) {
        String v = s.length() > 10 ? s.substring(0, 10) : s;
        try {
            return LocalDate.parse(v).toString();
        } catch (DateTimeParseException e) {
            // fields.Date.to_date -> datetime.strptime(value, '%Y-%m-%d')
            throw OdooError.python("ValueError: time data " + PyXmlRpc.pyRepr(v) + " does not match format '%Y-%m-%d'");
        }
    }

    private static String parseDatetime(String s) {
        String v = s;
        if (v.matches("\\d{8}T\\d{2}:\\d{2}:\\d{2}")) { // XML-RPC dateTime.iso8601
            v = v.substring(0, 4) + "-" + v.substring(4, 6) + "-" + v.substring(6, 8) + " " + v.substring(9);
        }
        if (v.length() > 19) {
            v = v.substring(0, 19);
        }
        if (v.length() == 10) {
            v = v + " 00:00:00";
        }
        try {
            return LocalDateTime.parse(v, DATETIME).format(DATETIME);
        } catch (DateTimeParseException e) {
            throw OdooError.python(
                    "ValueError: time data " + PyXmlRpc.pyRepr(v) + " does not match format '%Y-%m-%d %H:%M:%S'");
        }
    }

    private Field fieldOrInvalid(Model m, String name) {
        Field f = m.fields.get(name);
        if (f == null) {
            // models.py create()/write(): raise ValueError("Invalid field %r on model %r" % (...))
            throw OdooError.python(
                    "ValueError: Invalid field " + PyXmlRpc.pyRepr(name) + " on model " + PyXmlRpc.pyRepr(m.name));
        }
        return f;
    }

    Object create(Model m, Object valsArg) {
        if (valsArg instanceof List<?> list) {
            List<Integer> ids = new ArrayList<>();
            for (Object v : list) {
                ids.add(createOne(m, dictArg(v), null));
            }
            return ids;
        }
        return createOne(m, dictArg(valsArg), null);
    }

    int createOne(Model m, Map<String, Object> vals, Map<String, Object> forced) {
        Map<String, Object> row = new HashMap<>();
        Map<String, List<?>> x2many = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Field f = fieldOrInvalid(m, e.getKey());
            if (f.computed) {
                continue; // values for non-inversible computed fields are dropped
            }
            if (f.type.equals("one2many")) {
                x2many.put(f.name, commandsArg(m, f, e.getValue()));
                continue;
            }
            row.put(f.name, convert(m, f, e.getValue()));
        }
        if (forced != null) {
            row.putAll(forced);
        }
        for (Field f : m.fields.values()) {
            if (!row.containsKey(f.name) && f.dflt != null) {
                row.put(f.name, f.dflt.apply(row));
            }
        }
        beforeInsert(m, row);
        checkRequired(m, row);
        checkSqlConstraints(m, row);
        int id = m.nextId++;
        row.put("id", id);
        row.put("create_date", now());
        row.put("write_date", now());
        m.rows.put(id, row);
        for (Map.Entry<String, List<?>> e : x2many.entrySet()) {
            applyCommands(m, id, m.fields.get(e.getKey()), e.getValue());
        }
        return id;
    }

    private void beforeInsert(Model m, Map<String, Object> row) {
        if (m.name.equals("crm.lead") && row.get("name") == null && row.get("partner_id") != null) {
            // crm_lead.py _compute_name: _("%s's opportunity") % lead.partner_id.name
            Object pname = models.get("res.partner")
                    .rows
                    .get((Integer) row.get("partner_id"))
                    .get("name");
            if (pname != null) {
                row.put("name", pname + "'s opportunity");
            }
        }
        if (m.name.equals("account.move")) {
            String type = (String) row.get("move_type");
            if (row.get("journal_id") == null && type != null) {
                row.put("journal_id", type.startsWith("out_") ? 1 : type.startsWith("in_") ? 2 : 3);
            }
            if (row.get("currency_id") == null) {
                row.put("currency_id", 2);
            }
            if (row.get("date") == null) {
                row.put("date", row.get("invoice_date") != null ? row.get("invoice_date") : today());
            }
        }
    }

    private void checkRequired(Model m, Map<String, Object> row) {
        for (Field f : m.fields.values()) {
            if (f.required && row.get(f.name) == null) {
                throw notNull(m, f);
            }
        }
    }

    /** odoo/service/model.py _as_validation_error, NOT_NULL_VIOLATION branch. */
    static OdooError notNull(Model m, Field f) {
        return OdooError.userError("The operation cannot be completed:\n"
                + "- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + m.description + " (" + m.name + ")\n"
                + "Field: " + f.string + " (" + f.name + ")\n");
    }

    private void checkSqlConstraints(Model m, Map<String, Object> row) {
        if (m.name.equals("res.partner") && "contact".equals(row.get("type")) && row.get("name") == null) {
            // res.partner _sql_constraints check_name: 'Contacts require a name'
            throw OdooError.userError("The operation cannot be completed: Contacts require a name");
        }
    }

    private List<?> commandsArg(Model m, Field f, Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw OdooError.python("ValueError: Wrong value for " + m.name + "." + f.name + ": " + PyXmlRpc.pyRepr(v));
    }

    /** x2many commands (fields.Command) applied to a one2many. */
    private void applyCommands(Model m, int id, Field f, List<?> commands) {
        Model target = models.get(f.relation);
        Field inverse = target.fields.get(f.inverse);
        for (Object c : commands) {
            if (c instanceof Number n) { // bare id = LINK
                link(target, inverse, n.intValue(), id);
                continue;
            }
            if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !(cmd.get(0) instanceof Number)) {
                throw OdooError.python(
                        "ValueError: Wrong value for " + m.name + "." + f.name + ": " + PyXmlRpc.pyRepr(c));
            }
            int op = ((Number) cmd.get(0)).intValue();
            int cid = cmd.size() > 1 && cmd.get(1) instanceof Number x ? x.intValue() : 0;
            switch (op) {
                case 0 -> createOne(target, cmd.size() > 2 ? dictArg(cmd.get(2)) : Map.of(), Map.of(inverse.name, id));
                case 1 -> write(target, List.of(cid), cmd.size() > 2 ? dictArg(cmd.get(2)) : Map.of());
                case 2, 3 -> target.rows.remove(cid);
                case 4 -> link(target, inverse, cid, id);
                case 5 -> target.rows.values().removeIf(r -> Objects.equals(r.get(inverse.name), id));
                case 6 -> {
                    List<Integer> keep = cmd.size() > 2 ? idsArg(cmd.get(2)) : List.of();
                    target.rows
                            .values()
                            .removeIf(r ->
                                    Objects.equals(r.get(inverse.name), id) && !keep.contains((Integer) r.get("id")));
                    for (Integer k : keep) {
                        link(target, inverse, k, id);
                    }
                }
                default ->
                    throw OdooError.python(
                            "ValueError: Wrong value for " + m.name + "." + f.name + ": " + PyXmlRpc.pyRepr(c));
            }
        }
    }

    private void link(Model target, Field inverse, int targetId, int id) {
        Map<String, Object> trow = target.rows.get(targetId);
        if (trow == null) {
            throw missingRecord(target, targetId);
        }
        trow.put(inverse.name, id);
    }

    void write(Model m, List<Integer> ids, Map<String, Object> vals) {
        List<Integer> missing = ids.stream().filter(i -> !m.rows.containsKey(i)).toList();
        if (!missing.isEmpty()) {
            // models.py _write
            List<Integer> sorted = ids.stream().sorted().limit(6).toList();
            String tuple = "(" + sorted.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (sorted.size() == 1 ? ",)" : ")");
            throw OdooError.userError("One of the records you are trying to modify has already been deleted"
                    + " (Document type: " + m.description + ").\n\n(Records: " + tuple + ", User: " + uid + ")");
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        Map<String, List<?>> x2many = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Field f = fieldOrInvalid(m, e.getKey());
            if (f.computed) {
                continue;
            }
            if (f.type.equals("one2many")) {
                x2many.put(f.name, commandsArg(m, f, e.getValue()));
                continue;
            }
            converted.put(f.name, convert(m, f, e.getValue()));
        }
        for (Integer id : ids) {
            Map<String, Object> row = m.rows.get(id);
            Map<String, Object> updated = new HashMap<>(row);
            updated.putAll(converted);
            afterWriteHooks(m, row, updated, converted);
            for (Field f : m.fields.values()) {
                if (f.required && converted.containsKey(f.name) && updated.get(f.name) == null) {
                    throw notNull(m, f);
                }
            }
            checkSqlConstraints(m, updated);
            updated.put("write_date", now());
            row.clear();
            row.putAll(updated);
            for (Map.Entry<String, List<?>> e : x2many.entrySet()) {
                applyCommands(m, id, m.fields.get(e.getKey()), e.getValue());
            }
        }
    }

    private void afterWriteHooks(
            Model m, Map<String, Object> before, Map<String, Object> row, Map<String, Object> changed) {
        if (m.name.equals("crm.lead") && changed.containsKey("stage_id") && row.get("stage_id") != null) {
            Map<String, Object> stage = models.get("crm.stage").rows.get((Integer) row.get("stage_id"));
            if (stage != null && Boolean.TRUE.equals(stage.get("is_won"))) {
                row.put("probability", 100.0);
                if (before.get("date_closed") == null) {
                    row.put("date_closed", now());
                }
            }
        }
    }

    void unlink(Model m, List<Integer> ids) {
        for (Integer id : ids) {
            if (m.rows.remove(id) != null) {
                for (Field f : m.fields.values()) {
                    if (f.type.equals("one2many")) {
                        Model target = models.get(f.relation);
                        target.rows
                                .values()
                                .removeIf(r ->
                                        Objects.equals(r.get(f.inverse), id) && target.fields.get(f.inverse).required);
                    }
                }
            }
        }
    }

    Map<String, Object> fieldsGet(Model m, Object allfields, Object attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<?> only = allfields instanceof List<?> l && !l.isEmpty() ? l : null;
        List<?> attrs = attributes instanceof List<?> l && !l.isEmpty() ? l : null;
        for (Field f : m.fields.values()) {
            if (only != null && !only.contains(f.name)) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", f.type);
            d.put("string", f.string);
            d.put("name", f.name);
            d.put("required", f.required);
            d.put("readonly", f.readonly);
            d.put("store", !f.computed);
            d.put("searchable", true);
            d.put("sortable", !f.computed && !f.type.equals("one2many"));
            if (f.relation != null) {
                d.put("relation", f.relation);
            }
            if (f.inverse != null) {
                d.put("relation_field", f.inverse);
            }
            if (f.type.equals("selection")) {
                List<Object> sel = new ArrayList<>();
                f.selection.forEach((k, v) -> sel.add(List.of(k, v)));
                d.put("selection", sel);
            }
            if (attrs != null) {
                d.keySet().retainAll(attrs.stream().map(String::valueOf).toList());
            }
            out.put(f.name, d);
        }
        return out;
    }

    // --------------------------------------------------------------- business methods

    private void actionPost(Model m, List<Integer> ids) {
        for (Integer id : ids) {
            if (!m.rows.containsKey(id)) {
                throw missingRecord(m, id);
            }
        }
        for (Integer id : ids) {
            Map<String, Object> move = m.rows.get(id);
            String type = (String) move.get("move_type");
            boolean sale = type.startsWith("out_");
            boolean purchase = type.startsWith("in_");
            if ("posted".equals(move.get("state"))) {
                throw OdooError.userError("The entry " + move.get("name") + " (id " + id + ") is already posted.");
            }
            if ((sale || purchase) && move.get("partner_id") == null) {
                throw OdooError.userError(
                        sale
                                ? "The field 'Customer' is required, please complete it to validate the Customer Invoice."
                                : "The field 'Vendor' is required, please complete it to validate the Vendor Bill.");
            }
            if ((sale || purchase) && moveTotal(move) < 0) {
                throw OdooError.userError("You cannot validate an invoice with a negative total amount. You should"
                        + " create a credit note instead. Use the action menu to transform it into a credit note or"
                        + " refund.");
            }
            if (purchase && move.get("invoice_date") == null) {
                throw OdooError.userError("The Bill/Refund date is required to validate this document.");
            }
            boolean hasLines = models.get("account.move.line").rows.values().stream()
                    .anyMatch(l -> Objects.equals(l.get("move_id"), id));
            if (!hasLines) {
                throw OdooError.userError("You need to add a line before posting.");
            }
            if (sale && move.get("invoice_date") == null) {
                move.put("invoice_date", today());
            }
            if (move.get("invoice_date") != null && (sale || purchase)) {
                move.put("date", move.get("invoice_date"));
            }
            if (move.get("name") == null || "/".equals(move.get("name"))) {
                move.put("name", nextSequence(move));
            }
            move.put("state", "posted");
            move.put("write_date", now());
        }
    }

    /** account.move _get_starting_sequence (17.0): sale journals yearly, others monthly, refunds prefixed "R". */
    private String nextSequence(Map<String, Object> move) {
        Map<String, Object> journal = models.get("account.journal").rows.get((Integer) move.get("journal_id"));
        String code = (String) journal.get("code");
        String type = (String) move.get("move_type");
        LocalDate date = LocalDate.parse((String) move.get("date"));
        String prefix = (type.endsWith("_refund") ? "R" : "") + code;
        boolean yearly = "sale".equals(journal.get("type"));
        String key = yearly
                ? String.format("%s/%04d/", prefix, date.getYear())
                : String.format("%s/%04d/%02d/", prefix, date.getYear(), date.getMonthValue());
        int n = sequences.merge(key, 1, Integer::sum);
        return key + (yearly ? String.format("%05d", n) : String.format("%04d", n));
    }

    private void actionSetWon(Model m, List<Integer> ids) {
        for (Integer id : ids) {
            if (!m.rows.containsKey(id)) {
                throw missingRecord(m, id);
            }
        }
        Model stages = models.get("crm.stage");
        List<Map<String, Object>> won = stages.rows.values().stream()
                .filter(s -> Boolean.TRUE.equals(s.get("is_won")))
                .sorted(Comparator.comparingInt((Map<String, Object> s) -> (Integer) s.get("sequence"))
                        .thenComparingInt(s -> (Integer) s.get("id")))
                .toList();
        for (Integer id : ids) {
            Map<String, Object> lead = m.rows.get(id);
            lead.put("active", true);
            lead.put("lost_reason_id", null);
            int seq = 0;
            Object sid = lead.get("stage_id");
            if (sid != null && stages.rows.containsKey((Integer) sid)) {
                seq = (Integer) stages.rows.get((Integer) sid).get("sequence");
            }
            final int cur = seq;
            Map<String, Object> target = won.stream()
                    .filter(s -> (Integer) s.get("sequence") > cur)
                    .findFirst()
                    .orElse(null);
            if (target == null) {
                List<Map<String, Object>> rev = new ArrayList<>(won);
                java.util.Collections.reverse(rev);
                target = rev.stream()
                        .filter(s -> (Integer) s.get("sequence") <= cur)
                        .findFirst()
                        .orElse(won.isEmpty() ? null : won.get(0));
            }
            if (target != null) {
                lead.put("stage_id", target.get("id"));
            }
            lead.put("probability", 100.0);
            lead.put("date_closed", now());
            lead.put("write_date", now());
        }
    }

    private void actionSetLost(Model m, List<Integer> ids, Map<String, Object> additional) {
        for (Integer id : ids) {
            if (!m.rows.containsKey(id)) {
                throw missingRecord(m, id);
            }
        }
        for (Integer id : ids) {
            Map<String, Object> lead = m.rows.get(id);
            lead.put("active", false);
            lead.put("probability", 0.0);
            lead.put("date_closed", now());
            lead.put("write_date", now());
        }
        if (!additional.isEmpty()) {
            write(m, ids, additional);
        }
    }
}
