package io.comply360.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mail the local SMTP sink (GreenMail) received, read through its REST API
 * ({@code GET /api/user/{address}/messages/}: a JSON array whose entries hold the subject and the raw MIME
 * message). The raw message is taken apart here, just enough for what senders such as Keycloak write: nested
 * multiparts and 7bit, 8bit, quoted-printable or base64 text parts.
 */
final class MailSink {

    /** A received message: its subject and its plain-text body (or its HTML, if it has no plain text). */
    record Mail(String subject, String text) {}

    private static final Pattern PARAMETER = Pattern.compile(";\\s*([\\w-]+)=(\"([^\"]*)\"|[^;\\s]+)");

    private MailSink() {}

    /** Every message the sink holds for an address, oldest first. */
    static List<Mail> messagesTo(String address) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.MAIL_API
                        + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/"))
                .GET()
                .build());
        if (response.statusCode() == 400 && response.body().contains("not found")) {
            return List.of(); // GreenMail knows an address only once mail came for it
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GreenMail answered " + response.statusCode() + " for the messages of "
                    + address + ": " + response.body());
        }
        List<Mail> mails = new ArrayList<>();
        for (JsonNode message : LocalStack.json(response.body())) {
            mails.add(new Mail(
                    message.path("subject").asText(),
                    text(message.path("mimeMessage").asText())));
        }
        return mails;
    }

    /** The text of a raw MIME message: its first text/plain part, else its first text/html part, decoded. */
    static String text(String mime) {
        Part message = Part.parse(mime.replace("\r\n", "\n"));
        String plain = message.first("text/plain");
        return plain != null ? plain : message.first("text/html");
    }

    private record Part(Map<String, String> headers, String body) {

        static Part parse(String text) {
            // A part without headers starts with the blank line.
            int end = text.startsWith("\n") ? 0 : text.indexOf("\n\n");
            String head = end < 0 ? text : text.substring(0, end);
            Map<String, String> headers = new LinkedHashMap<>();
            String name = null;
            for (String line : head.split("\n")) {
                if (name != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    headers.merge(name, " " + line.strip(), String::concat);
                } else if (line.contains(":")) {
                    name = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                    headers.put(name, line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return new Part(headers, end < 0 ? "" : text.substring(end == 0 ? 1 : end + 2));
        }

        String type() {
            return headers.getOrDefault("content-type", "text/plain")
                    .split(";", 2)[0]
                    .strip()
                    .toLowerCase(Locale.ROOT);
        }

        String parameter(String wanted) {
            Matcher matcher = PARAMETER.matcher(headers.getOrDefault("content-type", ""));
            while (matcher.find()) {
                if (matcher.group(1).equalsIgnoreCase(wanted)) {
                    return matcher.group(3) != null ? matcher.group(3) : matcher.group(2);
                }
            }
            return null;
        }

        /** The decoded text of the first part of that type, depth first; null if there is none. */
        String first(String wanted) {
            if (type().startsWith("multipart/")) {
                String delimiter = "--" + parameter("boundary");
                String[] pieces = ("\n" + body).split("\n" + Pattern.quote(delimiter));
                // pieces[0] is the preamble; the last piece starts with "--" (the closing delimiter).
                for (int i = 1; i < pieces.length; i++) {
                    if (pieces[i].startsWith("--")) {
                        break;
                    }
                    String found = parse(pieces[i].substring(pieces[i].indexOf('\n') + 1))
                            .first(wanted);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            return type().equals(wanted) ? decoded() : null;
        }

        private String decoded() {
            String encoding = headers.getOrDefault("content-transfer-encoding", "7bit")
                    .strip()
                    .toLowerCase(Locale.ROOT);
            String charsetName = parameter("charset");
            Charset charset = charsetName == null ? StandardCharsets.US_ASCII : Charset.forName(charsetName);
            return switch (encoding) {
                case "base64" -> new String(Base64.getMimeDecoder().decode(body), charset);
                case "quoted-printable" -> new String(quotedPrintable(body), charset);
                // 7bit and 8bit: GreenMail already gave the text as characters.
                default -> body;
            };
        }

        private static byte[] quotedPrintable(String text) {
            String joined = text.replace("=\n", "");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length() && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                    bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toByteArray();
        }

        private static boolean isHex(char c) {
            return Character.digit(c, 16) >= 0;
        }
    }
}
