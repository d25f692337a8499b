package io.comply360.notification;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.comply360.notification.delivery.ProviderSignatures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a careless or hostile client sends to notification-service: bodies over the limits, text that cannot be
 * stored, wrong types, unknown fields, huge collections, templates that try to leave the sandbox or to render for
 * ever, paths and ids that name nothing, forged or malformed SMS callbacks, and the same thing many times at once.
 * Each gets a problem (naming the field where there is one) in bounded time, never a 500; a refused save stores
 * nothing; concurrent saves and reads each have exactly one effect.
 */
@QuarkusTest
class RequestAttacksTest {

    private static final String APPROVED_EMAIL = "/api/v1/templates/registration.approved/email/en";
    private static final String CHANGES_SMS = "/api/v1/templates/registration.changes_requested/sms/en";
    private static final String PREFERENCES = "/api/v1/notification-preferences";

    /** A hang is a failure: no answer within 20 s fails the request instead of the build waiting for it. */
    private static final RestAssuredConfig QUICKLY = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000)
                    .setParam("http.socket.timeout", 20_000));

    private final Agency agency = new Agency();

    private static RequestSpecification as(String token) {
        RequestSpecification request = RestAssured.given().config(QUICKLY);
        return token == null ? request : request.auth().oauth2(token);
    }

    private String admin() {
        return agency.adminToken();
    }

    private String agent() {
        return agency.token(agency.agent, "agent");
    }

    private Response putTemplate(String path, Object body) {
        return as(admin()).contentType(ContentType.JSON).body(body).put(path);
    }

    private Response preview(String path, Object body) {
        return as(admin()).contentType(ContentType.JSON).body(body).post(path + "/preview");
    }

    private Response putPreferences(String token, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).put(PREFERENCES);
    }

    /** The agency's versions of a template, newest first. */
    private List<Integer> versions(String path) {
        return as(admin())
                .get(path + "/versions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("version", Integer.class);
    }

    /** A good first version of the approved e-mail: what every refused save must leave alone. */
    private void savedOnce() {
        putTemplate(APPROVED_EMAIL, Map.of("subject", "Approved: {filing.reference}", "body", "Well done."))
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(1));
    }

    private void assertTemplateUnchanged() {
        assertThat(versions(APPROVED_EMAIL)).containsExactly(1);
        JsonPath template = as(admin()).get(APPROVED_EMAIL).jsonPath();
        assertThat(template.getString("subject")).isEqualTo("Approved: {filing.reference}");
        assertThat(template.getString("body")).isEqualTo("Well done.");
    }

    /** The agent's preferences as saved first: what every refused save must leave alone. */
    private void preferencesSavedOnce() {
        putPreferences(agent(), Map.of("optedOut", true, "quietHours", Map.of("start", "22:00", "end", "06:00")))
                .then()
                .statusCode(200);
    }

    private void assertPreferencesUnchanged() {
        JsonPath preferences = as(agent()).get(PREFERENCES).jsonPath();
        assertThat(preferences.getBoolean("optedOut")).isTrue();
        assertThat(preferences.getString("quietHours.start")).isEqualTo("22:00");
        assertThat(preferences.getString("timeZone")).isEqualTo("Africa/Johannesburg");
        assertThat(preferences.getBoolean("workflows.find { it.workflow == 'registration.approved' }.channels.email"))
                .isTrue();
    }

    /** A problem with one of {@code statuses}: never a 500, never anything but problem+json. */
    private static void assertRefused(Response response, Integer... statuses) {
        assertThat(response.statusCode())
                .as("status of %s", response.asString())
                .isIn((Object[]) statuses);
        assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(response.statusCode());
        assertThat(response.jsonPath().getString("type")).startsWith("urn:comply360:problem:");
    }

    /** The message the problem gives for {@code field}. */
    private static String messageFor(Response response, String field) {
        return response.jsonPath().getString("errors.find { it.field == '" + field + "' }.message");
    }

    // --- bodies over the limits -----------------------------------------------------------------------------------

    @Test
    void bodiesOverTheLimitsAre413ProblemsAndNothingIsStored() {
        savedOnce();
        preferencesSavedOnce();
        for (int size : new int[] {10 * 1024 * 1024, 2 * 1024 * 1024, 300 * 1024}) {
            String big = "x".repeat(size);
            assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":\"s\",\"body\":\"" + big + "\"}"), 413);
            assertProblem(putPreferences(agent(), "{\"optedOut\":false,\"timeZone\":\"" + big + "\"}"), 413);
            assertProblem(preview(APPROVED_EMAIL, "{\"subject\":\"s\",\"body\":\"" + big + "\"}"), 413);
        }
        // Without a length (chunked): cut off at the limit all the same.
        byte[] chunked = ("{\"subject\":\"s\",\"body\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(withoutLength(admin(), "PUT", APPROVED_EMAIL, chunked), 413);
        assertTemplateUnchanged();
        assertPreferencesUnchanged();
    }

    /** A request whose body comes without a length (chunked), read whole. */
    private static Response withoutLength(String token, String method, String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = RawHttp.send(request, HttpResponse.BodyHandlers.ofString());
        return RawHttp.response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    // --- text, types, unknown fields, collections -----------------------------------------------------------------

    @Test
    void textThatCannotBeStoredIsRefusedNamingTheField() {
        savedOnce();
        preferencesSavedOnce();
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("subject", "{\"subject\":\"Approved\\u0000\",\"body\":\"b\"}");
        templates.put("body", "{\"subject\":\"s\",\"body\":\"line\\u0007bell\"}");
        templates.put("html", "{\"subject\":\"s\",\"body\":\"b\",\"html\":\"<p>\\u001b[31m</p>\"}");
        templates.forEach((field, body) -> {
            assertProblem(putTemplate(APPROVED_EMAIL, body), 422, field);
            assertProblem(preview(APPROVED_EMAIL, body), 422, field);
        });
        assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":\"\\ud800\",\"body\":\"b\"}"), 422, "subject");
        assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":\"s\",\"body\":\"\\uffff\"}"), 422, "body");
        // A raw NUL inside a JSON string is not JSON at all.
        assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":\"a\u0000b\",\"body\":\"b\"}"), 400);

        Map<String, String> preferences = new LinkedHashMap<>();
        preferences.put("timeZone", "{\"optedOut\":false,\"timeZone\":\"Africa/Johannesburg\\u0000\"}");
        preferences.put(
                "quietHours.start",
                "{\"optedOut\":false,\"quietHours\":{\"start\":\"21:00\\u0000\",\"end\":\"06:00\"}}");
        preferences.put(
                "workflows[0].workflow",
                "{\"optedOut\":false,\"workflows\":[{\"workflow\":\"registration.approved\\u0000\",\"channels\":{}}]}");
        preferences.forEach((field, body) -> assertProblem(putPreferences(agent(), body), 422, field));
        assertProblem(
                putPreferences(admin(), "{\"optedOut\":false,\"digest\":{\"enabled\":true,\"at\":\"\\u000707:30\"}}"),
                422,
                "digest.at");
        Response key = putPreferences(
                agent(),
                "{\"optedOut\":false,\"workflows\":[{\"workflow\":\"registration.approved\","
                        + "\"channels\":{\"email\\u0000\":false}}]}");
        assertRefused(key, 422);
        assertThat(key.jsonPath().getList("errors.field", String.class))
                .anySatisfy(field -> assertThat(field).startsWith("workflows[0].channels"));

        assertProblem(
                as(admin()).urlEncodingEnabled(false).get("/api/v1/notification-deliveries?workflow=a%00b"),
                422,
                "workflow");
        assertProblem(
                as(admin()).urlEncodingEnabled(false).get("/api/v1/notification-deliveries?recipient=%07"),
                422,
                "recipient");
        assertTemplateUnchanged();
        assertPreferencesUnchanged();
    }

    @Test
    void wrongTypesAndUnreadableBodiesAre400NamingTheField() {
        savedOnce();
        preferencesSavedOnce();
        assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":{\"text\":\"s\"},\"body\":\"b\"}"), 400, "subject");
        assertProblem(putTemplate(APPROVED_EMAIL, "{\"subject\":\"s\",\"body\":[\"b\"]}"), 400, "body");
        assertProblem(preview(APPROVED_EMAIL, "{\"subject\":\"s\",\"html\":{\"p\":1}}"), 400, "html");
        for (String unreadable : List.of(
                "[]",
                "\"just text\"",
                "not json",
                "{\"subject\":",
                "{\"subject\":\"a\",\"subject\":\"b\",\"body\":\"c\"}",
                "[".repeat(40) + "]".repeat(40))) {
            assertProblem(putTemplate(APPROVED_EMAIL, unreadable), 400);
            assertProblem(putPreferences(agent(), unreadable), 400);
        }
        // No body at all is not JSON either: the same answer on both routes.
        assertProblem(as(admin()).contentType(ContentType.JSON).put(APPROVED_EMAIL), 400);
        assertProblem(as(agent()).contentType(ContentType.JSON).put(PREFERENCES), 400);
        assertRefused(
                as(admin()).contentType(ContentType.TEXT).body("subject=s").put(APPROVED_EMAIL), 415);

        assertProblem(putPreferences(agent(), "{\"optedOut\":\"maybe\"}"), 400, "optedOut");
        assertProblem(
                putPreferences(agent(), "{\"optedOut\":false,\"workflows\":{\"registration.approved\":{}}}"),
                400,
                "workflows");
        assertProblem(
                putPreferences(agent(), "{\"optedOut\":false,\"quietHours\":\"21:00-06:00\"}"), 400, "quietHours");
        assertProblem(
                putPreferences(
                        agent(),
                        "{\"optedOut\":false,\"workflows\":[{\"workflow\":\"registration.approved\","
                                + "\"channels\":{\"email\":\"off\"}}]}"),
                400,
                "workflows[0].channels.email");
        assertProblem(
                putPreferences(admin(), "{\"optedOut\":false,\"digest\":{\"enabled\":\"sometimes\"}}"),
                400,
                "digest.enabled");
        assertTemplateUnchanged();
        assertPreferencesUnchanged();
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        savedOnce();
        preferencesSavedOnce();
        Response colour = putTemplate(APPROVED_EMAIL, Map.of("subject", "s", "body", "b", "colour", "red"));
        assertProblem(colour, 400, "colour");
        assertThat(messageFor(colour, "colour")).isEqualTo("is not a field of this request");
        assertProblem(preview(APPROVED_EMAIL, Map.of("subjekt", "s")), 400, "subjekt");
        assertProblem(putPreferences(agent(), Map.of("optedOut", false, "optOut", true)), 400, "optOut");
        assertProblem(
                putPreferences(
                        agent(),
                        Map.of("optedOut", false, "quietHours", Map.of("start", "21:00", "end", "06:00", "days", 5))),
                400,
                "quietHours.days");
        assertTemplateUnchanged();
        assertPreferencesUnchanged();
    }

    @Test
    void hugeCollectionsAreRefusedFastAsTheyAreRead() {
        preferencesSavedOnce();
        String tenThousand =
                "{\"optedOut\":false,\"workflows\":[" + String.join(",", Collections.nCopies(10_000, "{}")) + "]}";
        long started = System.nanoTime();
        Response workflows = putPreferences(agent(), tenThousand);
        assertProblem(workflows, 422, "workflows");
        assertThat(messageFor(workflows, "workflows")).contains("100");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("workflow", "registration.approved", "channels", Map.of("email", false)));
        }
        assertProblem(putPreferences(agent(), Map.of("optedOut", false, "workflows", many)), 422, "workflows");

        StringBuilder channels = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            channels.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":true");
        }
        started = System.nanoTime();
        assertProblem(
                putPreferences(
                        agent(),
                        "{\"optedOut\":false,\"workflows\":[{\"workflow\":\"registration.approved\",\"channels\":{"
                                + channels + "}}]}"),
                422,
                "workflows[0].channels");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        // 10,000 real entries are larger than any JSON body a service reads: refused before they are bound.
        String real = "{\"optedOut\":false,\"workflows\":["
                + String.join(
                        ",",
                        Collections.nCopies(
                                10_000, "{\"workflow\":\"registration.approved\",\"channels\":{\"email\":false}}"))
                + "]}";
        assertRefused(putPreferences(agent(), real), 413, 422);
        assertPreferencesUnchanged();
    }

    // --- the template sandbox -------------------------------------------------------------------------------------

    private record Attack(String name, String part, String source) {}

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    /** Saves and previews each attack: 422 naming the part, in seconds; the saved template stays as it was. */
    private void refusedEverywhere(String path, List<Attack> attacks, Map<String, String> others) {
        for (Attack attack : attacks) {
            Map<String, String> body = new HashMap<>(others);
            body.put(attack.part(), attack.source());
            for (boolean save : new boolean[] {true, false}) {
                long started = System.nanoTime();
                Response response = save ? putTemplate(path, body) : preview(path, body);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("time to refuse %s", attack.name())
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(response.statusCode())
                        .as("%s (%s): %s", attack.name(), save ? "save" : "preview", response.asString())
                        .isEqualTo(422);
                assertProblem(response, 422, attack.part());
                assertThat(messageFor(response, attack.part()))
                        .as(attack.name())
                        .isNotBlank()
                        .doesNotContain("StackOverflow", "OutOfMemory", "Exception", "Illegal Capacity");
            }
            if (path.equals(APPROVED_EMAIL)) {
                assertTemplateUnchanged();
            } else {
                assertThat(versions(path))
                        .as("versions after %s", attack.name())
                        .isEmpty();
            }
        }
    }

    @Test
    void templatesCannotReachOutOfTheSandbox() {
        savedOnce();
        refusedEverywhere(
                APPROVED_EMAIL,
                List.of(
                        new Attack("inject namespace", "subject", "{inject:templateService}"),
                        new Attack("cdi namespace", "subject", "{cdi:agencies.toString}"),
                        new Attack("config namespace", "body", "Secret: {config:quarkus.datasource.password}"),
                        new Attack(
                                "config namespace, bracket syntax",
                                "body",
                                "{config:['quarkus.oidc-client.credentials.secret']}"),
                        new Attack("str namespace", "body", "{str:concat('a', agency.name)}"),
                        new Attack("include", "body", "Hello\n{#include email-layout.html /}"),
                        new Attack("eval", "body", "{#eval agency.name /}"),
                        new Attack("insert", "body", "{#insert body}x{/insert}"),
                        new Attack("let from config", "body", "{#let secret=config:password}{secret}{/let}"),
                        new Attack("fragment", "body", "{#fragment id=x}{agency.name}{/fragment}"),
                        new Attack("reflection", "body", "{agency.name.getClass.getClassLoader}"),
                        new Attack("raw output", "html", "<p>{request.message.raw}</p>"),
                        new Attack("a name the model lacks", "body", "{filing.secret}")),
                Map.of("subject", "Approved", "body", "Hello"));
        JsonPath namespace = putTemplate(
                        APPROVED_EMAIL, Map.of("subject", "{config:quarkus.datasource.password}", "body", "b"))
                .jsonPath();
        assertThat(namespace.getString("errors.find { it.field == 'subject' }.message"))
                .contains("line 1", "namespaces are not available");
    }

    @Test
    void templatesThatWouldRenderForeverOrHugeAreRefusedInSeconds() {
        savedOnce();
        refusedEverywhere(
                APPROVED_EMAIL,
                List.of(
                        new Attack("a loop over a huge number", "body", "{#for i in 1000000000}{i}{/for}"),
                        new Attack(
                                "loops over numbers inside loops",
                                "body",
                                "{#for a in 100}{#for b in 100}{#for c in 100}{agency.name}{/for}{/for}{/for}"),
                        new Attack(
                                "loops over lists inside loops (2^28 lines)",
                                "body",
                                nested("{#each digest.items}", "x", "{/each}", 28)),
                        new Attack(
                                "output amplified by a loop",
                                "body",
                                "{#each 100}" + "{digest}".repeat(1_240) + "{/each}"),
                        new Attack("sections nested 400 deep", "body", nested("{#if agency.name}", "x", "{/if}", 400)),
                        new Attack(
                                "sections nested 2000 deep", "html", nested("{#if agency.name}", "x", "{/if}", 2_000)),
                        new Attack("with nested 2000 deep", "html", nested("{#with this}", "x", "{/with}", 2_000)),
                        new Attack(
                                "parentheses nested 2000 deep",
                                "body",
                                "{#if " + nested("(", "agency.name", ")", 2_000) + "}x{/if}"),
                        new Attack("an or-chain of 3000", "html", "{" + "agency.name or ".repeat(3_000) + "'x'}"),
                        new Attack("a subject of 100,000 characters", "subject", "x".repeat(100_000)),
                        new Attack("a body over 10,000 characters", "body", "x".repeat(10_001)),
                        new Attack("HTML over 50,000 characters", "html", "x".repeat(50_001)),
                        new Attack("a subject of several lines", "subject", "one\ntwo")),
                Map.of("subject", "Approved", "body", "Hello"));
        // An SMS that renders past ten segments (1600 characters), with or without a loop.
        refusedEverywhere(
                CHANGES_SMS,
                List.of(
                        new Attack("an SMS over 1600 characters", "body", "{#each 60}{filing.company} {/each}"),
                        new Attack("an SMS of 1700 characters of text", "body", "x".repeat(1_700))),
                Map.of());
        Response sms = putTemplate(CHANGES_SMS, Map.of("body", "{#each 60}{filing.company} {/each}"));
        assertThat(messageFor(sms, "body")).contains("1600");
        Response loops = putTemplate(
                APPROVED_EMAIL,
                Map.of("subject", "s", "body", "a\n{#each digest.items}{#each digest.items}x{/each}{/each}"));
        assertThat(messageFor(loops, "body")).contains("line 2", "loop");
        Response deep =
                putTemplate(APPROVED_EMAIL, Map.of("subject", "s", "body", nested("{#if link}", "x", "{/if}", 40)));
        assertThat(messageFor(deep, "body")).contains("line 1", "deep");
        // Refused by counting, on any stack: a long "or" chain, brackets nested deep in a section's tag.
        Response chain = putTemplate(
                APPROVED_EMAIL, Map.of("subject", "s", "body", "a\n{" + "agency.name or ".repeat(20) + "'x'}"));
        assertThat(messageFor(chain, "body")).contains("line 2", "at most 200 characters");
        Response brackets = putTemplate(
                APPROVED_EMAIL,
                Map.of("subject", "s", "body", "{#if " + nested("(", "agency.name", ")", 100) + "}x{/if}"));
        assertThat(messageFor(brackets, "body")).contains("line 1", "at most 200 characters");
        // What a digest needs still renders: one loop, sections inside it.
        as(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "subject",
                        "Digest {digest.date}",
                        "body",
                        "{#for item in digest.items}\n- {item.reference}{#if item.dueAt} ({item.dueAt}){/if}\n{/for}"))
                .put("/api/v1/templates/digest/email/en")
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(1));
    }

    // --- concurrency ----------------------------------------------------------------------------------------------

    /** Runs every call at once (released together) and returns their answers in order. */
    private static List<Response> atOnce(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyConcurrentSavesOfOneTemplateGetVersionsOneToNWithoutGapsOrDuplicates() throws Exception {
        List<Callable<Response>> saves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            saves.add(() ->
                    putTemplate(APPROVED_EMAIL, Map.of("subject", "Save " + n + ": {filing.reference}", "body", "b")));
        }
        List<Response> responses = atOnce(saves);
        Map<Integer, String> saved = new HashMap<>();
        for (Response response : responses) {
            if (response.statusCode() == 200) {
                assertThat(saved.put(
                                response.jsonPath().getInt("version"),
                                response.jsonPath().getString("subject")))
                        .as("a version handed out twice")
                        .isNull();
            } else {
                assertRefused(response, 409, 503);
            }
        }
        int n = saved.size();
        assertThat(n).as("saves that went through").isPositive();
        assertThat(saved.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, n).boxed().toList());
        assertThat(versions(APPROVED_EMAIL))
                .containsExactlyElementsOf(
                        IntStream.iterate(n, v -> v >= 1, v -> v - 1).boxed().toList());
        JsonPath history = as(admin()).get(APPROVED_EMAIL + "/versions").jsonPath();
        for (int v = 1; v <= n; v++) {
            assertThat(history.getString("find { it.version == " + v + " }.subject"))
                    .isEqualTo(saved.get(v));
        }
        assertThat(as(admin()).get(APPROVED_EMAIL).jsonPath().getInt("version")).isEqualTo(n);
        assertThat(n).as("every save is serialised, none refused").isEqualTo(20);
    }

    /** A notification in the agent's inbox, as the planner writes one; its id. */
    private UUID notification() {
        return agency.notification(agency.agent);
    }

    private long unread() {
        return as(agent()).get("/api/v1/notifications/unread-count").jsonPath().getLong("unread");
    }

    @Test
    void concurrentReadsOfOneInboxMarkEachNotificationOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(notification());
        }
        List<Callable<Response>> reads = new ArrayList<>();
        for (UUID id : ids) {
            reads.add(() -> as(agent()).post("/api/v1/notifications/" + id + "/read"));
        }
        for (int i = 0; i < 5; i++) {
            reads.add(() -> as(agent()).post("/api/v1/notifications/read-all"));
        }
        List<Response> answers = atOnce(reads);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).statusCode())
                    .as(answers.get(i).asString())
                    .isEqualTo(i < ids.size() ? 204 : 200);
        }
        assertThat(unread()).isZero();
        assertThat(as(agent())
                        .queryParam("limit", 200)
                        .get("/api/v1/notifications")
                        .jsonPath()
                        .getList("items.readAt"))
                .hasSize(30)
                .doesNotContainNull();

        // Ten "read all" at once over 30 unread: each notification is counted by exactly one of them.
        for (int i = 0; i < 30; i++) {
            notification();
        }
        List<Callable<Response>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(() -> as(agent()).post("/api/v1/notifications/read-all"));
        }
        int marked = 0;
        for (Response answer : atOnce(all)) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            marked += answer.jsonPath().getInt("marked");
        }
        assertThat(marked).isEqualTo(30);
        assertThat(unread()).isZero();
    }

    @Test
    void concurrentSavesOfOnePersonsPreferencesAllSucceedAndOneOfThemStandsWhole() throws Exception {
        List<Callable<Response>> saves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            saves.add(() -> putPreferences(
                    agent(),
                    Map.of(
                            "optedOut",
                            false,
                            "quietHours",
                            Map.of("start", String.format("21:%02d", n), "end", "06:00"),
                            "workflows",
                            List.of(
                                    Map.of(
                                            "workflow",
                                            "registration.approved",
                                            "channels",
                                            Map.of("email", n % 2 == 0)),
                                    Map.of("workflow", "commission.paid", "channels", Map.of("sms", n % 2 == 1))))));
        }
        for (Response answer : atOnce(saves)) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        }
        JsonPath now = as(agent()).get(PREFERENCES).jsonPath();
        int n = Integer.parseInt(now.getString("quietHours.start").substring(3));
        assertThat(now.getBoolean("workflows.find { it.workflow == 'registration.approved' }.channels.email"))
                .isEqualTo(n % 2 == 0);
        assertThat(now.getBoolean("workflows.find { it.workflow == 'commission.paid' }.channels.sms"))
                .isEqualTo(n % 2 == 1);
    }

    // --- paths and ids --------------------------------------------------------------------------------------------

    @Test
    void pathsAndIdsThatNameNothingAre404ProblemsNeverA500() {
        savedOnce();
        UUID unread = notification();
        List<String> templatePaths = List.of(
                "/api/v1/templates/..%2F..%2Fq%2Fhealth/email/en",
                "/api/v1/templates/registration.approved/email/..%2Fen",
                "/api/v1/templates/registration.approved%2Femail/en/x",
                "/api/v1/templates/%2e%2e/%2e%2e/en",
                "/api/v1/templates/registration.approved/email/%5C..%5Cen",
                "/api/v1/templates/registration.approved/email/en%00",
                "/api/v1/templates/registration.approved/EMAIL/en",
                "/api/v1/templates/registration.approved/email/en-ZA",
                "/api/v1/templates/" + "a".repeat(2_000) + "/email/en");
        for (String path : templatePaths) {
            assertRefused(as(admin()).urlEncodingEnabled(false).get(path), 404);
            assertRefused(
                    as(admin())
                            .urlEncodingEnabled(false)
                            .contentType(ContentType.JSON)
                            .body(Map.of("subject", "Hijacked", "body", "b"))
                            .put(path),
                    404);
            assertRefused(as(admin()).urlEncodingEnabled(false).delete(path), 404);
        }
        List<String> ids = List.of(
                "not-a-uuid",
                "00000000-0000-0000-0000-00000000000g",
                "%27%20or%20%271%27%3D%271",
                "..%2F..%2Fnotifications",
                "%2e%2e",
                UUID.randomUUID().toString(),
                "1".repeat(1_000));
        for (String id : ids) {
            assertRefused(as(admin()).urlEncodingEnabled(false).get("/api/v1/notification-deliveries/" + id), 404);
            assertRefused(as(agent()).urlEncodingEnabled(false).post("/api/v1/notifications/" + id + "/read"), 404);
        }
        // "read-all" smuggled in as an id reads nothing.
        assertRefused(as(agent()).urlEncodingEnabled(false).post("/api/v1/notifications/read-all%2F..%2Fx/read"), 404);
        assertThat(unread()).isEqualTo(1);
        assertThat(as(agent()).get("/api/v1/notifications").jsonPath().getString("items[0].id"))
                .isEqualTo(unread.toString());

        assertProblem(as(admin()).get("/api/v1/notification-deliveries?status=bogus"), 422, "status");
        assertProblem(as(admin()).get("/api/v1/notification-deliveries?channel=fax"), 422, "channel");
        assertProblem(as(admin()).get("/api/v1/notification-deliveries?workflow=" + "w".repeat(65)), 422, "workflow");
        assertProblem(as(admin()).get("/api/v1/notification-deliveries?limit=0"), 422, "limit");
        assertProblem(as(agent()).get("/api/v1/notifications?offset=-1"), 422, "offset");
        // Values of the wrong type: what cannot be read is 400 naming the parameter (never JAX-RS' 404).
        assertProblem(as(admin()).get("/api/v1/notification-deliveries?limit=many"), 400, "limit");
        assertProblem(as(agent()).get("/api/v1/notifications?unread=maybe"), 400, "unread");
        assertThat(as(agent())
                        .get("/api/v1/notifications?unread=true")
                        .jsonPath()
                        .getList("items"))
                .hasSize(1);
        assertTemplateUnchanged();
    }

    // --- the SMS provider's callback ------------------------------------------------------------------------------

    /** An SMS the provider took (status sent, its message id {@code sid}), as the dispatcher leaves it; its id. */
    private UUID smsSent(String sid) {
        UUID id = UUID.randomUUID();
        TenantSql.run(
                agency.id(),
                "insert into messages (id, tenant_id, source_event_id, workflow, channel, recipient, address, locale,"
                        + " critical, template_source, template_version, body, status, attempts, provider,"
                        + " provider_message_id, created_at, updated_at, sent_at) values (?, ?, ?, 'commission.paid',"
                        + " 'sms', ?, ?, 'en', false, 'default', 0, 'Paid: ZAR 2250.00', 'sent', 1, 'twilio', ?, now(),"
                        + " now(), now())",
                id,
                agency.id(),
                UUID.randomUUID().toString(),
                agency.key(agency.agent),
                agency.agentPhone,
                sid);
        return id;
    }

    private static Response callback(String path, Map<String, String> form, String signature) {
        RequestSpecification request =
                as(null).contentType("application/x-www-form-urlencoded").formParams(form);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(path);
    }

    private static String signed(String path, Map<String, String> form) {
        return ProviderSignatures.sign(Upstreams.PRIMARY_TOKEN, Upstreams.PUBLIC_URL + path, form);
    }

    @Test
    void smsCallbacksThatAreNotTheProvidersOrCannotBeStoredAreRefused() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        UUID id = smsSent(sid);
        String path = "/webhooks/sms/twilio/" + agency.id() + "/" + id;
        Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered");

        // No signature, garbage, one of 16 KB.
        assertRefused(callback(path, delivered, null), 403);
        assertRefused(callback(path, delivered, "%%%not-base64==="), 403);
        assertRefused(callback(path, delivered, "A".repeat(16 * 1024)), 403);
        // A body of 20 KB: one field of 20 KB, or 200 fields of 100 bytes.
        Map<String, String> oneBigField = new LinkedHashMap<>(delivered);
        oneBigField.put("Body", "x".repeat(20_000));
        assertRefused(callback(path, oneBigField, signed(path, delivered)), 403);
        Map<String, String> manyFields = new LinkedHashMap<>(delivered);
        for (int i = 0; i < 200; i++) {
            manyFields.put("Field" + i, "y".repeat(100));
        }
        assertRefused(callback(path, manyFields, signed(path, delivered)), 403);
        // Text that cannot be stored: a forged callback is refused as forged; a signed one names the field.
        Map<String, String> nulSid = Map.of("MessageSid", sid + "\u0000", "MessageStatus", "delivered");
        assertRefused(callback(path, nulSid, null), 403);
        assertProblem(callback(path, nulSid, signed(path, nulSid)), 422, "MessageSid");
        Map<String, String> nulError =
                Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003\u0000");
        assertProblem(callback(path, nulError, signed(path, nulError)), 422, "ErrorCode");
        Map<String, String> rawNul = Map.of("MessageSid", sid, "MessageStatus", "failed", "ErrorCode", "3\u00000");
        assertProblem(
                as(null).contentType("application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signed(path, rawNul))
                        .body("MessageSid=" + sid + "&MessageStatus=failed&ErrorCode=3\u00000")
                        .post(path),
                422,
                "ErrorCode");
        // Not a form; ids that are no ids; a provider that does not exist.
        assertRefused(as(null).contentType(ContentType.JSON).body("{}").post(path), 415);
        assertRefused(callback("/webhooks/sms/twilio/not-a-tenant/" + id, delivered, "x"), 404);
        assertRefused(callback("/webhooks/sms/twilio/" + agency.id() + "/not-a-message", delivered, "x"), 404);
        assertRefused(
                as(null).urlEncodingEnabled(false)
                        .contentType("application/x-www-form-urlencoded")
                        .body("MessageSid=" + sid)
                        .post("/webhooks/sms/..%2Ftwilio/" + agency.id() + "/" + id),
                404);
        assertRefused(callback("/webhooks/sms/nobody/" + agency.id() + "/" + id, delivered, "x"), 404);

        JsonPath message = agency.message(id);
        assertThat(message.getString("status")).isEqualTo("sent");
        assertThat(message.getString("lastError")).isNull();
        // The provider's own callback still works.
        callback(path, delivered, signed(path, delivered)).then().statusCode(204);
        assertThat(agency.message(id).getString("status")).isEqualTo("delivered");
    }
}
