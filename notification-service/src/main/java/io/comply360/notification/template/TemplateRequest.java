package io.comply360.notification.template;

/**
 * A tenant's template: Qute sources of its parts. E-mail: {@code subject} and {@code body} (the text part; the HTML
 * part is made from it inside the agency's frame unless {@code html} is given); SMS: {@code body}; in-app:
 * {@code subject} (the title) and {@code body}. Checked by the service (lengths, characters, and by rendering).
 */
public record TemplateRequest(String subject, String body, String html) {}
