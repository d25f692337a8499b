package io.comply360.notification.template;

/**
 * A message's parts, as Qute sources (a template) or as rendered text (a message). E-mail: {@code subject}, the text
 * part {@code body} and the HTML part {@code html}; SMS: {@code body}; in-app: {@code subject} (the title) and
 * {@code body}.
 */
public record Parts(String subject, String body, String html) {}
