package io.comply360.tenant.settings;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Branding (logo), SLA targets, business hours, notification defaults, and the history of who changed what. */
@QuarkusTest
class SettingsBrandingTest {

    private TestTenant agency;
    private String admin;

    @BeforeEach
    void anAgency() {
        agency = Fixtures.newTenant();
        admin = TestTokens.builder()
                .roles("tenant_admin")
                .tenant(agency.id())
                .subject("admin-" + agency.slug())
                .build();
    }

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "displayName",
                "Acme Registrations",
                "defaultLocale",
                "af",
                "timeZone",
                "Africa/Harare",
                "primaryColour",
                "#aa3300"));
        body.putAll(extra);
        return body;
    }

    private Response save(String version, Map<String, Object> body) {
        return as(admin)
                .header("If-Match", "\"" + version + "\"")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/settings");
    }

    private static byte[] image(String format, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.ORANGE);
        image.getGraphics().fillRect(0, 0, width / 2, height / 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private Response upload(String token, String mediaType, byte[] image) {
        return as(token).contentType(mediaType).body(image).put("/api/v1/settings/logo");
    }

    /** A photo-like picture (gradients and grain): what an agency's designer hands over as a JPEG. */
    private static byte[] photo(int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        java.util.Random grain = new java.util.Random(7);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int r = Math.min(255, x * 255 / side + grain.nextInt(24));
                int g = Math.min(255, y * 255 / side + grain.nextInt(24));
                int b = Math.min(255, (x + y) * 127 / side + grain.nextInt(24));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void allSettingsAreSavedAndReadBack() {
        Response saved = save(
                "0",
                settings(Map.of(
                        "slaTargets",
                        Map.of("SUBMITTED", 8, "IN_REVIEW", 16),
                        "businessHours",
                        Map.of("days", List.of("FRIDAY", "MONDAY", "MONDAY"), "opens", "07:30", "closes", "16:00"),
                        "notificationDefaults",
                        Map.of("email", true, "sms", true, "inApp", false))));
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");

        Response read = as(TestTokens.token("agent", agency.id())).get("/api/v1/settings");
        assertThat(read.jsonPath().getInt("slaTargets.IN_REVIEW")).isEqualTo(16);
        assertThat(read.jsonPath().getList("businessHours.days")).containsExactly("MONDAY", "FRIDAY");
        assertThat(read.jsonPath().getString("businessHours.opens")).isEqualTo("07:30");
        assertThat(read.jsonPath().getBoolean("notificationDefaults.sms")).isTrue();
        // The logo is a resource of its own: a data URL in the settings is an unknown field.
        assertProblem(save("1", settings(Map.of("logo", "data:image/png;base64,AAAA"))), 400, "logo");
    }

    @Test
    void anOrdinaryPhotoLogoIsStoredAsAnImageAndServedWithCachingHeaders() throws Exception {
        byte[] jpeg = photo(1024);
        assertThat(jpeg.length).as("an ordinary 1024 × 1024 JPEG").isBetween(30 * 1024, 400 * 1024);
        Response uploaded = upload(admin, "image/jpeg", jpeg);
        assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(200);
        assertThat(uploaded.jsonPath().getString("mediaType")).isEqualTo("image/jpeg");
        assertThat(uploaded.jsonPath().getInt("bytes"))
                .as("stored about as large as it came")
                .isLessThan(2 * jpeg.length);

        String agent = TestTokens.token("agent", agency.id());
        String url = as(agent).get("/api/v1/settings").jsonPath().getString("logo");
        assertThat(url)
                .startsWith("/api/v1/settings/logo?v=")
                .isEqualTo(uploaded.jsonPath().getString("url"));
        Response served = as(agent).urlEncodingEnabled(false).get(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("image/jpeg");
        assertThat(served.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served.asByteArray()));
        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getHeight()).isEqualTo(1024);

        // Without the version the browser revalidates; with the ETag it is told nothing changed.
        Response unversioned = as(agent).get("/api/v1/settings/logo");
        assertThat(unversioned.header("Cache-Control")).isEqualTo("private, no-cache");
        Response notModified =
                as(agent).header("If-None-Match", unversioned.header("ETag")).get("/api/v1/settings/logo");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.asByteArray()).isEmpty();
    }

    @Test
    void theLogoIsRedrawnSoNothingSmuggledInItSurvivesAndANewOneGetsANewAddress() throws Exception {
        // A PNG with something appended after its end: the stored logo must not carry it.
        byte[] png = image("png", 120, 40);
        byte[] smuggled = new byte[png.length + 20];
        System.arraycopy(png, 0, smuggled, 0, png.length);
        System.arraycopy("<script>evil</script>".getBytes(StandardCharsets.US_ASCII), 0, smuggled, png.length, 20);
        String first = upload(admin, "image/png", smuggled).jsonPath().getString("url");
        Response served = as(admin).get("/api/v1/settings/logo");
        assertThat(served.contentType()).isEqualTo("image/png");
        assertThat(new String(served.asByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("<script>");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served.asByteArray()));
        assertThat(decoded.getWidth()).isEqualTo(120);

        String second =
                upload(admin, "image/jpeg", image("jpg", 64, 64)).jsonPath().getString("url");
        assertThat(second).isNotEqualTo(first);
        assertThat(as(admin).get("/api/v1/audit-log").jsonPath().getList("items.action"))
                .contains("settings.logo_replaced");
    }

    @Test
    void svgHugeOrBrokenLogosAreRefusedNamingTheLogo() throws Exception {
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(admin, "image/svg+xml", svg), 415);
        assertProblem(upload(admin, "image/png", svg), 422, "logo");
        // Small file, huge picture: refused from its header, before it is decoded.
        assertProblem(upload(admin, "image/png", image("png", 4000, 3000)), 422, "logo");
        assertProblem(upload(admin, "image/png", new byte[600 * 1024]), 422, "logo");
        assertProblem(upload(admin, "image/png", new byte[0]), 422, "logo");
        assertProblem(as(admin).get("/api/v1/settings/logo"), 404);
        assertThat(as(admin).get("/api/v1/settings").jsonPath().getString("logo"))
                .isNull();
    }

    @Test
    void aRemovedLogoIsGoneAndAnotherAgencyNeverSeesOne() throws Exception {
        upload(admin, "image/png", image("png", 32, 32));
        TestTenant other = Fixtures.newTenant();
        assertProblem(as(other.token("agent")).get("/api/v1/settings/logo"), 404);
        assertThat(as(admin).delete("/api/v1/settings/logo").statusCode()).isEqualTo(204);
        assertProblem(as(admin).get("/api/v1/settings/logo"), 404);
        assertThat(as(admin).get("/api/v1/settings").jsonPath().getString("logo"))
                .isNull();
        assertThat(as(admin).delete("/api/v1/settings/logo").statusCode()).isEqualTo(204);
    }

    @Test
    void roleMatrixForTheLogo() throws Exception {
        byte[] png = image("png", 16, 16);
        upload(agency.token("tenant_admin"), "image/png", png);
        RoleMatrixRunner.forRoute("GET", "/api/v1/settings/logo")
                .own(agency)
                .foreignStatus(404)
                .run(caller -> (caller.token() == null ? given() : as(caller.token())).get("/api/v1/settings/logo"));
        // Another agency's admin uploads its own logo: the caller's agency is the only one a request can touch.
        RoleMatrixRunner.forRoute("PUT", "/api/v1/settings/logo")
                .own(agency)
                .stranger(Fixtures.newTenant())
                .foreignStatus(200)
                .run(caller -> (caller.token() == null ? given() : as(caller.token()))
                        .contentType("image/png")
                        .body(png)
                        .put("/api/v1/settings/logo"));
        RoleMatrixRunner.forRoute("DELETE", "/api/v1/settings/logo")
                .own(agency)
                .foreignStatus(204)
                .successStatus(204)
                .run(caller -> (caller.token() == null ? given() : as(caller.token())).delete("/api/v1/settings/logo"));
    }

    @Test
    void slaTargetsAndBusinessHoursFollowTheirRules() {
        assertProblem(
                save("0", settings(Map.of("slaTargets", Map.of("DRAFT", 8, "IN_REVIEW", 0)))),
                422,
                "slaTargets[DRAFT]",
                "slaTargets[IN_REVIEW]");
        assertProblem(
                save(
                        "0",
                        settings(Map.of(
                                "businessHours", Map.of("days", List.of(), "opens", "25:00", "closes", "17:00")))),
                422,
                "businessHours.days",
                "businessHours.opens");
        assertProblem(
                save(
                        "0",
                        settings(Map.of(
                                "businessHours",
                                Map.of("days", List.of("MONDAY"), "opens", "17:00", "closes", "08:00")))),
                422,
                "businessHours.closes");
        assertProblem(
                save(
                        "0",
                        settings(Map.of(
                                "businessHours",
                                Map.of("days", List.of("FUNDAY"), "opens", "08:00", "closes", "17:00")))),
                400,
                "businessHours.days[0]");
    }

    @Test
    void theHistoryTellsWhoChangedWhichFields() {
        save("0", settings(Map.of()));
        save("1", settings(Map.of("primaryColour", "#000000", "slaTargets", Map.of("FILED", 40))));
        Response history = as(admin).get("/api/v1/settings/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.jsonPath().getList("items.version", Integer.class)).containsExactly(2, 1);
        assertThat(history.jsonPath().getList("items[0].changedFields"))
                .containsExactlyInAnyOrder("primaryColour", "slaTargets");
        assertThat(history.jsonPath().getString("items[0].changedBy")).isEqualTo("admin-" + agency.slug());
        assertThat(history.jsonPath().getString("items[0].settings.primaryColour"))
                .isEqualTo("#000000");
        RoleMatrixRunner.forRoute("GET", "/api/v1/settings/history")
                .own(agency)
                .foreignStatus(200)
                .run(caller -> (caller.token() == null ? given() : as(caller.token())).get("/api/v1/settings/history"));
    }
}
