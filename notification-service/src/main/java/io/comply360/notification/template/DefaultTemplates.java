package io.comply360.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.notification.workflow.Channel;

/**
 * The built-in templates: a subject, body and SMS text per workflow and locale ({@code notification-templates/messages_<locale>
 * .properties}), laid out per channel (e-mail in {@code notification-templates/email-layout.html} and {@code .txt}: the agency's
 * colour and logo, a greeting, the body, a button to the portal, a footer).
 */
@ApplicationScoped
public class DefaultTemplates {

    public static final String FOOTER = "{#if recipient.client}[[FOOTER_CLIENT]]{#else}[[FOOTER_USER]]{/if}";

    private final Map<String, Properties> messages = Map.of("en", load("en"), "af", load("af"));
    private final String htmlLayout = resource("notification-templates/email-layout.html");
    private final String textLayout = resource("notification-templates/email-layout.txt");

    /** The built-in template of a workflow's channel in a locale ({@code en} or {@code af}). */
    public Parts of(String workflow, Channel channel, String locale) {
        Properties m = messages.get(locale);
        String subject = m.getProperty(workflow + ".subject");
        String body = m.getProperty(workflow + ".body");
        if (subject == null || body == null) {
            throw new IllegalStateException("No built-in " + locale + " template for " + workflow);
        }
        return switch (channel) {
            case IN_APP -> new Parts(subject, body, null);
            case SMS -> new Parts(null, m.getProperty(workflow + ".sms"), null);
            case EMAIL -> new Parts(subject, text(body, locale), html(body, subject, locale));
        };
    }

    /** The e-mail text part around a body (a tenant's own body gets the same frame). */
    public String text(String body, String locale) {
        return frame(textLayout, body, "", locale);
    }

    /** The e-mail HTML part around a text body: its lines become line breaks. */
    public String html(String body, String subject, String locale) {
        return frame(htmlLayout, body.replace("\n", "<br>\n"), subject, locale);
    }

    private String frame(String layout, String body, String subject, String locale) {
        Properties m = messages.get(locale);
        return layout.replace("[[SUBJECT]]", subject)
                .replace("[[GREETING]]", m.getProperty("email.greeting"))
                .replace("[[BODY]]", body)
                .replace("[[OPEN]]", m.getProperty("email.open"))
                .replace(
                        "[[FOOTER]]",
                        FOOTER.replace("[[FOOTER_CLIENT]]", m.getProperty("email.footerClient"))
                                .replace("[[FOOTER_USER]]", m.getProperty("email.footer")));
    }

    private static Properties load(String locale) {
        Properties properties = new Properties();
        try (InputStream in = stream("notification-templates/messages_" + locale + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = DefaultTemplates.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + name);
        }
        return in;
    }
}
