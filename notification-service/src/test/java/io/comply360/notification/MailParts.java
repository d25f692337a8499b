package io.comply360.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The text and HTML parts of a received e-mail, wherever in its multipart tree they are. */
public final class MailParts {

    private MailParts() {}

    public static String html(Part message) throws Exception {
        return find(message, "text/html");
    }

    public static String text(Part message) throws Exception {
        return find(message, "text/plain");
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
