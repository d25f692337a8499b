package io.comply360.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.notification.recipient.Agency;
import io.comply360.notification.recipient.Locales;
import io.comply360.notification.workflow.Channel;
import io.comply360.notification.workflow.Workflow;
import io.comply360.notification.workflow.Workflows;

/** Every built-in template renders in every locale, and the sandbox holds (plain unit tests: milliseconds). */
class DefaultTemplatesTest {

    private final Sandbox sandbox = new Sandbox();
    private final DefaultTemplates defaults = new DefaultTemplates();
    private final Agency agency = new Agency(
            UUID.randomUUID(),
            "acme",
            "Acme <Registrations>",
            "#123456",
            "3",
            "https://acme.comply360.test",
            "en",
            ZoneId.of("Africa/Johannesburg"));

    @Test
    void everyBuiltInTemplateRendersForEveryChannelAndLocale() {
        int rendered = 0;
        for (Workflow workflow : Workflows.all()) {
            for (Channel channel : workflow.channels()) {
                for (String locale : Locales.SUPPORTED) {
                    Parts parts = defaults.of(workflow.name(), channel, locale);
                    Map<String, Object> model = Models.sample(agency, locale).asMap();
                    String body = sandbox.render(parts.body(), false, model);
                    assertThat(body)
                            .as(workflow.name() + "/" + channel + "/" + locale)
                            .isNotBlank();
                    if (parts.subject() != null) {
                        assertThat(sandbox.render(parts.subject(), false, model))
                                .doesNotContain("\n");
                    }
                    if (parts.html() != null) {
                        String html = sandbox.render(parts.html(), true, model);
                        // Data is escaped in HTML: the agency's name cannot open a tag.
                        assertThat(html).contains("Acme &lt;Registrations&gt;").doesNotContain("<Registrations>");
                        assertThat(html).contains("cid:agency-logo", "#123456");
                    }
                    rendered++;
                }
            }
        }
        assertThat(rendered)
                .isEqualTo(2
                        * Workflows.all().stream()
                                .mapToInt(w -> w.channels().size())
                                .sum());
    }

    @Test
    void theDigestListsItsItemsInBothLocales() {
        Map<String, Object> model = Models.sample(agency, "en").asMap();
        String text = sandbox.render(defaults.of("digest", Channel.EMAIL, "en").body(), false, model);
        assertThat(text)
                .contains("- REG-2026-000123 (submitted), due 2026-12-04 17:00", "- REG-2026-000124 (in review)");
    }

    @Test
    void theSandboxRefusesNamespacesLargeLoopsAndUnknownNamesWithTheirLine() {
        Map<String, Object> model = Models.sample(agency, "en").asMap();
        assertThatThrownBy(() -> sandbox.compile("a\n{config:quarkus.datasource.password}", false))
                .isInstanceOfSatisfying(
                        Sandbox.Broken.class, b -> assertThat(b.line()).isEqualTo(2));
        assertThatThrownBy(() -> sandbox.compile("{inject:vertx}", false)).isInstanceOf(Sandbox.Broken.class);
        assertThatThrownBy(() -> sandbox.compile("{#for i in 100000}{i}{/for}", false))
                .isInstanceOf(Sandbox.Broken.class);
        assertThatThrownBy(() -> sandbox.compile("{#include other /}", false)).isInstanceOf(Sandbox.Broken.class);
        assertThatThrownBy(() -> sandbox.compile("{#eval request.message /}", false))
                .isInstanceOf(Sandbox.Broken.class);
        assertThatThrownBy(() -> sandbox.render("x\ny\n{agency.secret}", false, model))
                .isInstanceOfSatisfying(
                        Sandbox.Broken.class, b -> assertThat(b.describe()).startsWith("line 3: "));
        // raw output is not available: values are always escaped in HTML.
        assertThatThrownBy(() -> sandbox.render("{agency.name.raw}", true, model))
                .isInstanceOf(Sandbox.Broken.class);
        assertThat(sandbox.render("{#for i in 3}{i}{/for}", false, model)).isEqualTo("123");
        assertThat(List.of(sandbox.render("{#if filing.reference}yes{/if}", false, model)))
                .containsExactly("yes");
    }
}
