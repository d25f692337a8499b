package io.comply360.commission.odoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * In-process fake of an Odoo 17.0 server's external API (XML-RPC over HTTP), for integration tests that drive the
 * real commission-service Odoo client against it. See {@code ODOO17_NOTES.md} for the Odoo 17 source lines each
 * behaviour below comes from.
 *
 * <h2>Faithful to Odoo 17.0</h2>
 * <ul>
 *   <li><b>Transport</b>: {@code POST /xmlrpc/2/common} and {@code POST /xmlrpc/2/object}; HTTP 200 for results
 *       <em>and</em> faults; {@code Content-Type: text/xml; charset=utf-8} (werkzeug {@code Response(mimetype=
 *       'text/xml')}); {@code Connection: close} after every reply (werkzeug &ge; 2.1's dev server, which Odoo 17
 *       uses in threaded and prefork mode; Odoo 17 pins Werkzeug 2.2.2 on Python 3.11).</li>
 *   <li><b>Bytes</b>: replies are byte-identical to CPython's {@code xmlrpc.client.dumps(...)} as Odoo calls it,
 *       with OdooMarshaller's control-character stripping ({@link PyXmlRpc}); results are marshalled with
 *       {@code allow_none=False}, so a method returning {@code None} yields faultCode 1
 *       {@code TypeError: cannot marshal None unless allow_none is enabled} <em>after</em> its writes committed
 *       (this is what {@code crm.lead.action_set_lost} does over XML-RPC in 17.0).</li>
 *   <li><b>Faults</b> ({@code xmlrpc_handle_exception_int}): UserError/ValidationError/MissingError &rarr; 2 with the
 *       bare message; AccessDenied &rarr; 3 {@code "Access Denied"}; AccessError &rarr; 4; anything else &rarr; 1
 *       with a Python traceback whose <em>last line</em> is faithful (frames are synthesised).</li>
 *   <li><b>common</b>: {@code version()} returns the 17.0 {@code RPC_VERSION_1} dict; {@code authenticate}
 *       (and {@code login}) return the uid, or {@code false} for a wrong login or key ({@code except AccessDenied:
 *       return False}). A <em>wrong database</em> is not {@code false}: {@code odoo.registry(db)} fails first, so it is
 *       faultCode 1 ending {@code psycopg2.OperationalError: ... FATAL:  database "x" does not exist}.</li>
 *   <li><b>object</b>: {@code execute_kw(db, uid, key, model, method, args, kwargs)} (and {@code execute}); wrong key
 *       &rarr; fault 3 "Access Denied"; unknown/uninstalled model &rarr; fault 2 {@code "Object crm.lead doesn't
 *       exist"}; unknown method &rarr; fault 1 {@code AttributeError: The method 'x' does not exist on the model
 *       'y'}; private method &rarr; fault 4. Each call is a transaction: a fault leaves no partial writes.</li>
 *   <li><b>Values</b>: unset char/date/selection/many2one/html read as {@code false}; integer as {@code 0}; float
 *       and monetary as {@code 0.0} (double); boolean as {@code false}; many2one as {@code [id, "display name"]};
 *       one2many as a list of ids; dates {@code "YYYY-MM-DD"}; datetimes {@code "YYYY-MM-DD HH:MM:SS"} (UTC).
 *       {@code read} silently drops nonexistent ids; {@code search} hides archived records unless the domain
 *       mentions {@code active} or {@code context.active_test} is false; {@code create(dict)} returns an int,
 *       {@code create([dict, ...])} a list; {@code write} returns {@code true}; {@code action_post} returns
 *       {@code false}; {@code action_set_won} returns {@code true}.</li>
 *   <li><b>Validation messages</b> (exact Odoo 17 texts): selection value &rarr; 1 {@code ValueError: Wrong value
 *       for account.move.move_type: 'x'}; unknown field &rarr; 1 {@code ValueError: Invalid field 'x' on model 'y'};
 *       required field missing &rarr; 2 "The operation cannot be completed:\n- Create/update: a mandatory field is
 *       not set..."; res.partner without name &rarr; 2 "The operation cannot be completed: Contacts require a
 *       name"; many2one to a nonexistent id &rarr; 2 "Record does not exist or has been deleted.\n(Record:
 *       res.partner(999,), User: 2)"; write on a deleted id &rarr; 2 "One of the records you are trying to modify
 *       has already been deleted ..."; posting checks of {@code account.move._post}.</li>
 * </ul>
 *
 * <h2>Simplified</h2>
 * Only the models listed in {@code FakeOrm} (res.partner, res.currency, account.journal, crm.stage,
 * crm.lost.reason, crm.lead, account.move, account.move.line) with a subset of their fields; no taxes
 * ({@code amount_tax} is 0, total = &Sigma; quantity &times; price_unit); no receivable/payable lines;
 * {@code payment_state} changes only through {@link #setField}; default search order is {@code id} (Odoo's
 * {@code _order} differs per model), {@code order} supports {@code "field [asc|desc], ..."}; domains support
 * {@code & | !}, dotted many2one paths and the usual operators but not {@code child_of}/{@code parent_of};
 * {@code fields_get} returns a subset of attributes; no access rights, no multi-company, no translations; one user;
 * traceback frames are synthetic; no real serialization retries (an injected SERIALIZATION_FAILURE is the fault the
 * client sees after Odoo's 5 retries gave up).
 *
 * <p>Thread-safe: all state is guarded by one lock; HTTP requests are served on a cached thread pool.
 */
public final class OdooFake implements AutoCloseable {

    /** Kinds of fault {@link #failNext} can inject, each rendered exactly as Odoo 17 reports it. */
    public enum Fault {
        /** faultCode 2, a ValidationError message ("The operation cannot be completed: ..."). */
        VALIDATION,
        /** faultCode 3, "Access Denied" (what a revoked API key gives). */
        ACCESS_DENIED,
        /** faultCode 1, traceback ending "psycopg2.errors.SerializationFailure: could not serialize access ...". */
        SERIALIZATION_FAILURE,
        /** faultCode 2, "Object &lt;model&gt; doesn't exist". */
        MISSING_MODEL
    }

    private static final String NGINX_503 = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>"
            + "\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>"
            + "\r\n</body>\r\n</html>\r\n";

    private final Object lock = new Object();
    private final String database;
    private final String login;
    private final String apiKey;
    private final int uid;
    private final Clock clock;

    private FakeOrm orm;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    private volatile boolean respond503;
    private boolean downAfterLostReply;
    private volatile Duration delay = Duration.ZERO;
    private final Map<String, Deque<Fault>> failures = new HashMap<>();
    private final Map<String, Integer> lostReplies = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** A fake with database {@code comply360}, login {@code odoo-sync@comply360.test}, uid 2 and a fixed API key. */
    public OdooFake() {
        this("comply360", "odoo-sync@comply360.test", "5f4dcc3b5aa765d61d8327deb882cf992b95990a", 2, Clock.systemUTC());
    }

    /** A fake with explicit credentials; {@code clock} drives today/now (create_date, invoice dates, sequences). */
    public OdooFake(String database, String login, String apiKey, int uid, Clock clock) {
        this.database = database;
        this.login = login;
        this.apiKey = apiKey;
        this.uid = uid;
        this.clock = clock;
        this.orm = new FakeOrm(uid, clock);
    }

    // ============================================================== lifecycle

    /** Starts listening on 127.0.0.1; the first start picks a free port, later starts reuse it. Returns this. */
    public OdooFake start() {
        synchronized (lock) {
            if (server != null) {
                return this;
            }
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                s.createContext("/", this::handle);
                executor = Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "odoo-fake-http");
                    t.setDaemon(true);
                    return t;
                });
                s.setExecutor(executor);
                s.start();
                server = s;
                port = s.getAddress().getPort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind OdooFake on port " + port, e);
            }
            return this;
        }
    }

    /** Closes the listening socket: new connections are refused (Odoo down). Data and knobs are kept. */
    public void stop() {
        HttpServer s;
        ExecutorService e;
        synchronized (lock) {
            s = server;
            e = executor;
            server = null;
            executor = null;
        }
        if (s != null) {
            s.stop(0);
        }
        if (e != null) {
            e.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234} (valid after the first {@link #start()}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String login() {
        return login;
    }

    public String apiKey() {
        return apiKey;
    }

    public int uid() {
        return uid;
    }

    // ============================================================== knobs

    /** While true every request gets the 503 page of an nginx proxy whose upstream Odoo is down. */
    public void respondWith503(boolean on) {
        respond503 = on;
    }

    /** Every request waits this long before being handled (slow Odoo). {@code Duration.ZERO} to disable. */
    public void delay(Duration d) {
        delay = d == null ? Duration.ZERO : d;
    }

    /** The next {@code execute_kw(model, method)} (after authentication) fails with {@code kind}, doing nothing. */
    public void failNext(String model, String method, Fault kind) {
        synchronized (lock) {
            failures.computeIfAbsent(key(model, method), k -> new ArrayDeque<>())
                    .add(kind);
        }
    }

    /**
     * The next {@code execute_kw(model, method)} is executed and committed, then the connection is closed without
     * any HTTP reply - what a crash or a proxy timeout between Odoo's commit and our commit looks like.
     */
    public void loseNextReply(String model, String method) {
        synchronized (lock) {
            lostReplies.merge(key(model, method), 1, Integer::sum);
        }
    }

    /**
     * Like {@link #loseNextReply}, and from then on Odoo is down ({@link #respondWith503}) until told otherwise:
     * the caller's process is gone, or cannot reach Odoo to learn what it committed.
     */
    public void loseNextReplyAndGoDown(String model, String method) {
        synchronized (lock) {
            lostReplies.merge(key(model, method), 1, Integer::sum);
            downAfterLostReply = true;
        }
    }

    /** Makes the model unknown (its records are dropped): calls fault with "Object x doesn't exist". */
    public void uninstall(String model) {
        synchronized (lock) {
            FakeOrm.Model m = requireModel(model);
            m.installed = false;
            m.rows.clear();
        }
    }

    /** Re-installs a model removed by {@link #uninstall} (empty; crm.stage is not re-seeded). */
    public void install(String model) {
        synchronized (lock) {
            requireModel(model).installed = true;
        }
    }

    /** Snapshot of all records (archived included), sorted by id, each as {@code read()} would return it. */
    public List<Map<String, Object>> records(String model) {
        synchronized (lock) {
            FakeOrm.Model m = requireModel(model);
            return orm.read(m, new ArrayList<>(m.rows.keySet()), new ArrayList<>(m.fields.keySet()), true);
        }
    }

    /** Number of {@code execute_kw}/{@code execute} requests received for model/method (whatever their outcome). */
    public int calls(String model, String method) {
        AtomicInteger n = calls.get(key(model, method));
        return n == null ? 0 : n.get();
    }

    /**
     * Back-door write, bypassing the RPC layer (e.g. {@code setField("account.move", id, "payment_state", "paid")}).
     * The value is converted/validated like a write; errors surface as {@link IllegalArgumentException}.
     */
    public void setField(String model, int id, String field, Object value) {
        synchronized (lock) {
            FakeOrm.Model m = requireModel(model);
            Map<String, Object> row = m.rows.get(id);
            FakeOrm.Field f = m.fields.get(field);
            if (row == null || f == null || f.computed || "one2many".equals(f.type)) {
                throw new IllegalArgumentException("no settable " + model + "(" + id + ")." + field);
            }
            try {
                row.put(field, orm.convert(m, f, value));
            } catch (OdooError e) {
                throw new IllegalArgumentException(e.text, e);
            }
        }
    }

    /** Back to the initial state: seed data only, ids from 1, no knobs, zero call counts. Port/run state kept. */
    public void reset() {
        synchronized (lock) {
            orm = new FakeOrm(uid, clock);
            failures.clear();
            lostReplies.clear();
            downAfterLostReply = false;
            calls.clear();
            respond503 = false;
            delay = Duration.ZERO;
        }
    }

    private FakeOrm.Model requireModel(String model) {
        FakeOrm.Model m = orm.models.get(model);
        if (m == null) {
            throw new IllegalArgumentException("OdooFake has no model " + model);
        }
        return m;
    }

    private static String key(String model, String method) {
        return model + "#" + method;
    }

    // ============================================================== HTTP

    private void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (respond503) {
                send(ex, 503, "text/html", NGINX_503.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Duration d = delay;
            if (!d.isZero() && !d.isNegative()) {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return; // server stopping: drop the connection
                }
            }
            String path = ex.getRequestURI().getPath();
            String service = switch (path) {
                case "/xmlrpc/2/common" -> "common";
                case "/xmlrpc/2/object" -> "object";
                default -> null;
            };
            if (service == null) {
                send(ex, 404, "text/html; charset=utf-8", WERKZEUG_404.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, "text/html; charset=utf-8", WERKZEUG_405.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Reply reply = dispatch(service, body);
            if (reply.drop) {
                return; // exchange closed before any header was sent: the connection is just closed
            }
            send(ex, 200, "text/xml; charset=utf-8", reply.xml.getBytes(StandardCharsets.UTF_8));
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Server", "Werkzeug/2.2.2 Python/3.11.2");
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final String WERKZEUG_404 = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
            + "<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually"
            + " please check your spelling and try again.</p>\n";
    private static final String WERKZEUG_405 = "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed"
            + "</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n";

    private record Reply(String xml, boolean drop) {}

    /** rpc.py {@code _xmlrpc_common}: parse, dispatch, dumps((result,)) - or xmlrpc_handle_exception_int. */
    private Reply dispatch(String service, byte[] body) {
        PyXmlRpc.Call call;
        try {
            call = PyXmlRpc.parseCall(body);
        } catch (IllegalArgumentException e) {
            return new Reply(
                    fault(OdooError.python("xml.parsers.expat.ExpatError: " + e.getMessage()), service, "loads"),
                    false);
        }
        boolean drop = false;
        Object result;
        try {
            if ("common".equals(service)) {
                result = common(call.methodName(), call.params());
            } else {
                String[] target = targetOf(call);
                if (target != null) {
                    String k = key(target[0], target[1]);
                    calls.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                    synchronized (lock) {
                        Integer n = lostReplies.get(k);
                        if (n != null) {
                            drop = true;
                            if (downAfterLostReply) {
                                downAfterLostReply = false;
                                respond503 = true;
                            }
                            if (n == 1) {
                                lostReplies.remove(k);
                            } else {
                                lostReplies.put(k, n - 1);
                            }
                        }
                    }
                }
                result = object(call.methodName(), call.params());
            }
        } catch (OdooError e) {
            return new Reply(fault(e, service, call.methodName()), drop);
        }
        try {
            return new Reply(PyXmlRpc.dumpsResponse(result, false), drop);
        } catch (PyXmlRpc.MarshalError e) {
            return new Reply(fault(OdooError.python(e.pythonExceptionLine), service, call.methodName()), drop);
        }
    }

    private static String fault(OdooError e, String service, String method) {
        return PyXmlRpc.dumpsFault(e.faultCode, e.faultString(service, method));
    }

    private static String[] targetOf(PyXmlRpc.Call call) {
        List<Object> p = call.params();
        if (("execute_kw".equals(call.methodName()) || "execute".equals(call.methodName())) && p.size() >= 5) {
            return new String[] {String.valueOf(p.get(3)), String.valueOf(p.get(4))};
        }
        return null;
    }

    // ============================================================== services

    /** odoo/service/common.py (17.0). */
    private Object common(String method, List<Object> params) {
        switch (method) {
            case "version": {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("server_version", "17.0");
                v.put("server_version_info", List.of(17, 0, 0, "final", 0, ""));
                v.put("server_serie", "17.0");
                v.put("protocol_version", 1);
                return v;
            }
            case "login":
            case "authenticate": {
                int expected = "login".equals(method) ? 3 : 4;
                if (params.size() != expected) {
                    throw OdooError.python("TypeError: exp_" + method + "() takes " + expected
                            + " positional arguments but " + params.size() + " were given");
                }
                checkDatabase(params.get(0));
                if (login.equals(params.get(1)) && apiKey.equals(params.get(2))) {
                    return uid;
                }
                return false; // common.py: except AccessDenied: return False
            }
            default:
                throw OdooError.python("Exception: Method not found: " + method);
        }
    }

    private void checkDatabase(Object db) {
        if (!database.equals(db)) {
            // odoo.registry(db) for a database that does not exist: psycopg2 cannot connect
            throw OdooError.python("psycopg2.OperationalError: connection to server at \"localhost\" (127.0.0.1),"
                    + " port 5432 failed: FATAL:  database \"" + db + "\" does not exist\n\n");
        }
    }

    /** odoo/service/model.py (17.0) dispatch / execute_kw / execute. */
    @SuppressWarnings("unchecked")
    private Object object(String method, List<Object> params) {
        if (params.size() < 3) {
            throw OdooError.python("IndexError: tuple index out of range");
        }
        checkDatabase(params.get(0));
        Object uidParam = params.get(1);
        int callerUid = uidParam instanceof Number n ? n.intValue() : Boolean.TRUE.equals(uidParam) ? 1 : 0;
        if (!(uidParam instanceof Number) && !(uidParam instanceof Boolean)) {
            try {
                callerUid = Integer.parseInt(String.valueOf(uidParam).trim());
            } catch (NumberFormatException e) {
                throw OdooError.python(
                        "ValueError: invalid literal for int() with base 10: " + PyXmlRpc.pyRepr(uidParam));
            }
        }
        Object key = params.get(2);
        // security.check -> res.users.check(db, uid, passwd)
        if (!FakeOrm.truthy(key)) {
            throw OdooError.accessDenied();
        }
        if (callerUid != uid) {
            throw OdooError.userError("Record does not exist or has been deleted.\n(Record: res.users(" + callerUid
                    + ",), User: " + callerUid + ")");
        }
        if (!apiKey.equals(key)) {
            throw OdooError.accessDenied();
        }
        String model;
        String fn;
        List<Object> args;
        Map<String, Object> kw;
        if ("execute_kw".equals(method)) {
            if (params.size() < 6) {
                throw OdooError.python("TypeError: execute_kw() missing required positional arguments");
            }
            model = String.valueOf(params.get(3));
            fn = String.valueOf(params.get(4));
            Object a = params.get(5);
            if (!(a instanceof List)) {
                throw OdooError.python("TypeError: execute() argument after * must be an iterable, not "
                        + (a instanceof Map
                                ? "dict"
                                : a == null ? "NoneType" : a.getClass().getSimpleName()));
            }
            args = (List<Object>) a;
            Object k = params.size() > 6 ? params.get(6) : null;
            if (k != null && !Boolean.FALSE.equals(k) && !(k instanceof Map)) {
                throw OdooError.python("TypeError: execute() argument after ** must be a mapping, not list");
            }
            kw = k instanceof Map ? (Map<String, Object>) k : Map.of();
        } else if ("execute".equals(method)) {
            if (params.size() < 5) {
                throw OdooError.python("TypeError: execute() missing required positional arguments");
            }
            model = String.valueOf(params.get(3));
            fn = String.valueOf(params.get(4));
            args = params.subList(5, params.size());
            kw = Map.of();
        } else {
            throw OdooError.python("NameError: Method not available " + method);
        }
        synchronized (lock) {
            Deque<Fault> q = failures.get(key(model, fn));
            Fault injected = q == null ? null : q.poll();
            if (injected != null) {
                throw injectedFault(model, injected);
            }
            Object snapshot = orm.snapshot();
            try {
                return orm.call(model, fn, args, kw);
            } catch (OdooError e) {
                orm.restore(snapshot);
                throw e;
            } catch (RuntimeException e) {
                orm.restore(snapshot);
                throw OdooError.python(pythonName(e) + ": " + e.getMessage());
            }
        }
    }

    private static String pythonName(RuntimeException e) {
        return e instanceof ClassCastException ? "TypeError" : "Exception";
    }

    private OdooError injectedFault(String model, Fault kind) {
        switch (kind) {
            case ACCESS_DENIED:
                return OdooError.accessDenied();
            case MISSING_MODEL:
                return OdooError.userError("Object " + model + " doesn't exist");
            case SERIALIZATION_FAILURE:
                return OdooError.python("psycopg2.errors.SerializationFailure: could not serialize access due to"
                        + " concurrent update\n\n");
            case VALIDATION:
            default: {
                FakeOrm.Model m = orm.models.get(model);
                if (m != null) {
                    for (FakeOrm.Field f : m.fields.values()) {
                        if (f.required && f.dflt == null) {
                            return FakeOrm.notNull(m, f);
                        }
                    }
                }
                if ("res.partner".equals(model)) {
                    return OdooError.userError("The operation cannot be completed: Contacts require a name");
                }
                return OdooError.userError("The operation cannot be completed: " + model
                        + " failed a constraint (injected by OdooFake.failNext)");
            }
        }
    }
}
