package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A webhook route (scope {@code webhook}: an SMS provider's signed delivery status callback) is served without a
 * token on any host the gateway serves, its body and signature reach the service as sent, the agency is not
 * looked up, its body limit (16 KB) and a rate limit per sender address hold; the API still wants its tokens.
 */
@QuarkusTest
class WebhookRoutesTest {

    private static final String SIGNATURE = "0Xq1VzjYXyV8YJm1pk1fo1j3Zlk=";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void serviceTakesCallbacks() {
        Upstreams.reset();
        Upstreams.server.stubFor(post(urlPathMatching("/webhooks/sms/.*"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<Response/>")));
    }

    private static String path() {
        return "/webhooks/sms/twilio/" + Upstreams.ACME + "/" + UUID.randomUUID();
    }

    private static String callback(String sid) {
        return "AccountSid=ACcomply360devprimary0000000000000&From=%2B27820000001&MessageSid=" + sid
                + "&MessageStatus=delivered&SmsStatus=delivered&To=%2B27821234567";
    }

    private static RequestSpecification provider(String host) {
        return given().header("Host", host)
                .header("X-Twilio-Signature", SIGNATURE)
                .contentType("application/x-www-form-urlencoded");
    }

    @Test
    void aSignedCallbackWithoutATokenReachesTheServiceAsSentOnTheOperatorsHostAndAnAgencysHost() {
        for (String host : new String[] {"localhost:8080", "acme.localhost:8080"}) {
            String path = path();
            String body = callback("SM" + UUID.randomUUID().toString().replace("-", ""));
            Response answer = provider(host).body(body).post(path);
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            assertThat(answer.asString()).isEqualTo("<Response/>");
            Upstreams.server.verify(postRequestedFor(urlEqualTo(path))
                    .withRequestBody(equalTo(body))
                    .withHeader("X-Twilio-Signature", equalTo(SIGNATURE))
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                    .withHeader("X-Forwarded-Host", equalTo(host))
                    .withHeader("X-Forwarded-Proto", equalTo("http"))
                    .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                    .withoutHeader("Authorization"));
        }
    }

    @Test
    void theAgencyIsNotTakenFromTheHost() {
        // No agency has this address: a webhook does not care, and tenant-service is not asked.
        String path = path();
        assertThat(provider("initech.localhost:8080")
                        .body(callback("SM1"))
                        .post(path)
                        .statusCode())
                .isEqualTo(200);
        Upstreams.server.verify(postRequestedFor(urlEqualTo(path)));
        assertThat(Upstreams.server.findAll(getRequestedFor(urlPathMatching("/internal/tenants/by-slug/.*"))))
                .isEmpty();
    }

    @Test
    void aBodyOverTheWebhooksLimitIs413AndNeverReachesTheService() {
        String head = "POST " + path() + " HTTP/1.1\r\nHost: localhost:8080\r\nX-Twilio-Signature: " + SIGNATURE
                + "\r\nContent-Type: application/x-www-form-urlencoded";
        RawHttp.Answer announced = RawHttp.send(port, head + "\r\nContent-Length: " + (16 * 1024 + 1), "x".getBytes());
        announced.assertProblem(413);
        assertThat(announced.json().path("detail").asText()).contains("16 KB");
        RawHttp.sendChunked(
                        port,
                        "POST " + path() + " HTTP/1.1\r\nHost: localhost:8080\r\nX-Twilio-Signature: " + SIGNATURE
                                + "\r\nContent-Type: application/x-www-form-urlencoded",
                        64 * 1024)
                .assertProblem(413);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/webhooks/.*"))))
                .isEmpty();
    }

    @Test
    void otherHostsMethodsAndPathsAreRefusedAsElsewhere() {
        assertProblem(provider("elsewhere.example:8080").body(callback("SM2")).post(path()), 404);
        assertProblem(given().header("Host", "localhost:8080").get(path()), 405);
        assertProblem(provider("localhost:8080").body(callback("SM3")).post("/webhooks/mail/bounce"), 404);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/webhooks/.*"))))
                .isEmpty();
    }

    @Test
    void aSenderOverItsRateGets429AndOtherSendersAreStillServed() {
        String head = "POST %s HTTP/1.1\r\nHost: localhost:8080\r\nX-Twilio-Signature: " + SIGNATURE
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close";
        byte[] body = callback("SM4").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer refused = null;
        int served = 0;
        // The test profile gives a sender 20 at once; this one is 127.0.0.2.
        for (int i = 0; i < 40 && refused == null; i++) {
            RawHttp.Answer answer = RawHttp.sendFrom("127.0.0.2", port, head.formatted(path(), body.length), body);
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).as("the sender's bucket runs dry").isNotNull();
        assertThat(served).isBetween(20, 30);
        refused.assertProblem(429);
        assertThat(refused.json().path("detail").asText()).contains("from this address");
        assertThat(refused.header("Retry-After")).isNotBlank();

        assertThat(provider("localhost:8080").body(callback("SM5")).post(path()).statusCode())
                .as("127.0.0.1 is another sender")
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> RawHttp.sendFrom("127.0.0.2", port, head.formatted(path(), body.length), body)
                                .status()
                        == 200);
    }

    @Test
    void anApiRouteStillNeedsAToken() {
        assertProblem(given().header("Host", "acme.localhost:8080").get("/api/v1/notifications"), 401);
        assertProblem(
                given().header("Host", "acme.localhost:8080")
                        .header("X-Twilio-Signature", SIGNATURE)
                        .contentType("application/x-www-form-urlencoded")
                        .body(callback("SM6"))
                        .post("/api/v1/notifications/stream"),
                401);
        assertThat(given().header("Host", "acme.localhost:8080")
                        .auth()
                        .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.ACME)))
                        .get("/api/v1/notifications")
                        .statusCode())
                .isEqualTo(200);
    }
}
