package io.comply360.notification.template;

import jakarta.validation.constraints.Size;

/**
 * A tenant's template: Qute sources of its parts. E-mail: {@code subject} and {@code body} (the text part; the HTML
 * part is made from it inside the agency's frame unless {@code html} is given); SMS: {@code body}; in-app:
 * {@code subject} (the title) and {@code body}. Checked by the service (lengths, characters, and by rendering).
 */
public record TemplateRequest(
        @Size(
                max = TemplateRequest.MAX_SUBJECT,
                message = "must be at most " + TemplateRequest.MAX_SUBJECT + " characters")
        String subject,

        @Size(max = TemplateRequest.MAX_BODY, message = "must be at most " + TemplateRequest.MAX_BODY + " characters")
        String body,

        @Size(max = TemplateRequest.MAX_HTML, message = "must be at most " + TemplateRequest.MAX_HTML + " characters")
        String html) {

    /** Largest source of a part: subjects are a line, bodies a page, HTML a styled page. */
    public static final int MAX_SUBJECT = 500;

    public static final int MAX_BODY = 10_000;

    public static final int MAX_HTML = 50_000;
}
