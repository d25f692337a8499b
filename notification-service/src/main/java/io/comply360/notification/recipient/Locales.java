package io.comply360.notification.recipient;

import java.util.List;
import java.util.Locale;

/** The locales messages are written in: English and Afrikaans. A person's {@code af-ZA} reads Afrikaans. */
public final class Locales {

    public static final List<String> SUPPORTED = List.of("en", "af");
    public static final String FALLBACK = "en";

    private Locales() {}

    /** The supported locale {@code tag} asks for, or null when it names none of them. */
    public static String supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = tag.strip().replace('_', '-').split("-")[0].toLowerCase(Locale.ROOT);
        return SUPPORTED.contains(language) ? language : null;
    }
}
