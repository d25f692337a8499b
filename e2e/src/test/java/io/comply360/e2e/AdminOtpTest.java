package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrix;

/**
 * The production step dev/keycloak/require-admin-otp, applied to the running Keycloak and reverted after:
 * signing in through the portal's login page, an admin is made to set up OTP, an agent is not.
 */
class AdminOtpTest {

    private static final String REDIRECT = "http://acme.localhost:8080/callback";
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    /** Signs in with the authorization code flow and answers where Keycloak leads after the password. */
    private static HttpResponse<String> signIn(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String auth = LocalStack.REALM + "/protocol/openid-connect/auth?client_id=comply360-gateway&response_type=code"
                + "&scope=openid&state=s1&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(auth)).GET().build(), HttpResponse.BodyHandlers.ofString());
        // Keycloak's session cookies are Secure/SameSite=None, which Java's cookie store keeps to https:
        // carry them by hand, as a browser on localhost does.
        String cookies = page.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        Matcher action = FORM_ACTION.matcher(page.body());
        assertThat(action.find()).as("login form in %s", page.body()).isTrue();
        HttpResponse<String> afterPassword = browser.send(
                HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                                        + LocalStack.DEMO_PASSWORD + "&credentialId="))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = afterPassword.headers().firstValue("Location").orElse("");
        if (afterPassword.statusCode() == 302 && !location.startsWith(REDIRECT)) {
            return browser.send(
                    HttpRequest.newBuilder(URI.create(location))
                            .header("Cookie", cookies)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return afterPassword;
    }

    private static void setBrowserFlow(String flow) throws Exception {
        String admin = LocalStack.adminToken();
        var updated =
                LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.KEYCLOAK + "/admin/realms/comply360"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"browserFlow\":\"" + flow + "\"}"))
                        .build());
        assertThat(updated.statusCode()).isEqualTo(204);
    }

    @Test
    void withTheProductionSettingAdminsMustSetUpOtpAndAgentsSignInWithTheirPassword() throws Exception {
        Path root = RoleMatrix.locate().getParent().getParent();
        Process script = new ProcessBuilder(
                        "bash", root.resolve("dev/keycloak/require-admin-otp").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(output).isZero();
        try {
            for (String admin : new String[] {"admin@acme.test", "platform@comply360.test"}) {
                HttpResponse<String> response = signIn(admin);
                assertThat(response.statusCode())
                        .as("%s: %s", admin, response.body())
                        .isEqualTo(200);
                assertThat(response.body()).as(admin).contains("kc-totp-settings");
            }
            HttpResponse<String> agent = signIn("agent@acme.test");
            assertThat(agent.statusCode()).isEqualTo(302);
            assertThat(agent.headers().firstValue("Location").orElseThrow())
                    .startsWith(REDIRECT)
                    .contains("code=");
        } finally {
            setBrowserFlow("browser");
        }
        HttpResponse<String> adminInDev = signIn("admin@acme.test");
        assertThat(adminInDev.statusCode()).as("dev setting restored").isEqualTo(302);
    }
}
