package io.comply360.tenant;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Branding (logo), SLA targets, business hours, notification defaults, and the history of who changed what. */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = false)
class SettingsBrandingTest {

    private TestTenant agency;
    private String admin;

    @BeforeEach
    void anAgency() {
        agency = Fixtures.newTenant();
        admin = TestTokens.builder().roles("tenant_admin").tenant(agency.id()).subject("admin-" + agency.slug()).build();
    }

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("displayName", "Acme Registrations", "defaultLocale", "af",
                "timeZone", "Africa/Harare", "primaryColour", "#aa3300"));
        body.putAll(extra);
        return body;
    }

    private Response save(String version, Map<String, Object> body) {
        return given().auth().oauth2(admin).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(body).put("/api/v1/settings");
    }

    private static byte[] image(String format, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.ORANGE);
        image.getGraphics().fillRect(0, 0, width / 2, height / 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static String dataUrl(String type, byte[] bytes) {
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void allSettingsAreSavedAndReadBackAndTheLogoComesBackAsAFreshPng() throws Exception {
        // A PNG with something appended after its end: the re-encoded logo must not carry it.
        byte[] png = image("png", 120, 40);
        byte[] smuggled = new byte[png.length + 20];
        System.arraycopy(png, 0, smuggled, 0, png.length);
        System.arraycopy("<script>evil</script>".getBytes(StandardCharsets.US_ASCII), 0, smuggled, png.length, 20);
        Response saved = save("0", settings(Map.of("logo", dataUrl("image/png", smuggled),
                "slaTargets", Map.of("SUBMITTED", 8, "IN_REVIEW", 16),
                "businessHours", Map.of("days", List.of("FRIDAY", "MONDAY", "MONDAY"), "opens", "07:30", "closes", "16:00"),
                "notificationDefaults", Map.of("email", true, "sms", true, "inApp", false))));
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");

        Response read = given().auth().oauth2(TestTokens.token("agent", agency.id())).get("/api/v1/settings");
        assertThat(read.jsonPath().getInt("slaTargets.IN_REVIEW")).isEqualTo(16);
        assertThat(read.jsonPath().getList("businessHours.days")).containsExactly("MONDAY", "FRIDAY");
        assertThat(read.jsonPath().getString("businessHours.opens")).isEqualTo("07:30");
        assertThat(read.jsonPath().getBoolean("notificationDefaults.sms")).isTrue();
        String logo = read.jsonPath().getString("logo");
        assertThat(logo).startsWith("data:image/png;base64,");
        byte[] stored = Base64.getDecoder().decode(logo.substring("data:image/png;base64,".length()));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("<script>");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(decoded.getWidth()).isEqualTo(120);
        assertThat(decoded.getHeight()).isEqualTo(40);

        assertThat(save("1", settings(Map.of("logo", dataUrl("image/jpeg", image("jpg", 64, 64))))).statusCode()).isEqualTo(200);
    }

    @Test
    void svgHugeOrBrokenLogosAreRefusedNamingTheLogo() throws Exception {
        String svg = dataUrl("image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(save("0", settings(Map.of("logo", svg))), 422, "logo");
        assertProblem(save("0", settings(Map.of("logo", dataUrl("image/png", "<svg/>".getBytes(StandardCharsets.UTF_8))))), 422, "logo");
        // Small file, huge picture: refused from its header, before it is decoded.
        assertProblem(save("0", settings(Map.of("logo", dataUrl("image/png", image("png", 4000, 3000))))), 422, "logo");
        assertProblem(save("0", settings(Map.of("logo", dataUrl("image/png", new byte[600 * 1024])))), 422, "logo");
        assertProblem(save("0", settings(Map.of("logo", "data:image/png;base64,@@@"))), 422, "logo");
        assertProblem(save("0", settings(Map.of("logo", "https://example.com/logo.png"))), 422, "logo");
        assertThat(given().auth().oauth2(admin).get("/api/v1/settings").jsonPath().getLong("version"))
                .as("nothing was saved").isZero();
    }

    @Test
    void slaTargetsAndBusinessHoursFollowTheirRules() {
        assertProblem(save("0", settings(Map.of("slaTargets", Map.of("DRAFT", 8, "IN_REVIEW", 0)))), 422,
                "slaTargets[DRAFT]", "slaTargets[IN_REVIEW]");
        assertProblem(save("0", settings(Map.of("businessHours", Map.of("days", List.of(), "opens", "25:00", "closes", "17:00")))),
                422, "businessHours.days", "businessHours.opens");
        assertProblem(save("0", settings(Map.of("businessHours", Map.of("days", List.of("MONDAY"), "opens", "17:00", "closes", "08:00")))),
                422, "businessHours.closes");
        assertProblem(save("0", settings(Map.of("businessHours", Map.of("days", List.of("FUNDAY"), "opens", "08:00", "closes", "17:00")))),
                400, "businessHours.days[0]");
    }

    @Test
    void theHistoryTellsWhoChangedWhichFields() {
        save("0", settings(Map.of()));
        save("1", settings(Map.of("primaryColour", "#000000", "slaTargets", Map.of("FILED", 40))));
        Response history = given().auth().oauth2(admin).get("/api/v1/settings/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.jsonPath().getList("items.version", Integer.class)).containsExactly(2, 1);
        assertThat(history.jsonPath().getList("items[0].changedFields")).containsExactlyInAnyOrder("primaryColour", "slaTargets");
        assertThat(history.jsonPath().getString("items[0].changedBy")).isEqualTo("admin-" + agency.slug());
        assertThat(history.jsonPath().getString("items[0].settings.primaryColour")).isEqualTo("#000000");
        RoleMatrixRunner.forRoute("GET", "/api/v1/settings/history").own(agency).foreignStatus(200)
                .run(caller -> (caller.token() == null ? given() : given().auth().oauth2(caller.token())).get("/api/v1/settings/history"));
    }
}
