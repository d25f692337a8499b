package io.comply360.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Addresses and logins of the local stack (dev/up, or the servers dev/test starts), overridable with system
 * properties for another stack.
 */
final class LocalStack {

    static final String KEYCLOAK = System.getProperty("comply360.keycloak.url", "http://127.0.0.1:8180");
    static final String REALM = KEYCLOAK + "/realms/comply360";
    static final String S3 = System.getProperty("comply360.s3.url", "http://127.0.0.1:9000");
    static final String MAIL_API = System.getProperty("comply360.mail-api.url", "http://127.0.0.1:8025");
    static final int SMTP_PORT = Integer.getInteger("comply360.smtp.port", 3025);
    static final String ACME = "11111111-1111-4111-8111-111111111111";
    static final String GLOBEX = "22222222-2222-4222-8222-222222222222";
    static final String DEMO_PASSWORD = "demo1234";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalStack() {}

    /** POSTs a form to the realm's token endpoint; returns status and JSON body. */
    static HttpResponse<String> token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An access token of a demo user through the CLI client (password grant, dev only). */
    static String userToken(String username) throws IOException, InterruptedException {
        HttpResponse<String> response = token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "comply360-cli",
                "username",
                username,
                "password",
                DEMO_PASSWORD));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No token for " + username + ": " + response.body());
        }
        return json(response.body()).path("access_token").asText();
    }

    /** A token of Keycloak's bootstrap admin (master realm), for the admin API. */
    static String adminToken() throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                                .build())
                        .body())
                .path("access_token")
                .asText();
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** The claims of a JWT (its signature is Keycloak's business; here we read what it says). */
    static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
