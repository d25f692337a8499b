package io.comply360.notification.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.notification.config.NotificationConfig;
import io.smallrye.mutiny.Uni;

/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, basic auth with the
 * account SID and auth token), as Twilio and the providers that speak its API answer it: 201 with the message
 * resource (its {@code sid} is the provider id), or an error document with Twilio's {@code code}. Answers are bounded
 * (64 KB); a call is bounded by the provider's timeout.
 */
public final class TwilioClient {

    private static final int MAX_ANSWER = 64 * 1024;

    private final NotificationConfig.Provider provider;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    public TwilioClient(NotificationConfig.Provider provider, HttpClient http, Duration timeout, ObjectMapper json) {
        this.provider = provider;
        this.http = http;
        this.timeout = timeout;
        this.json = json;
    }

    public String name() {
        return provider.name();
    }

    /** Sends one SMS; the provider's message id, or a {@link DeliveryFailure} saying whose fault it is. */
    public Uni<String> send(String to, String body, String statusCallback) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", provider.from());
        form.put("Body", body);
        form.put("StatusCallback", statusCallback);
        String encoded = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder()
                .encodeToString((provider.accountSid() + ":" + provider.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(provider.url().replaceAll("/+$", "")
                        + "/2010-04-01/Accounts/" + enc(provider.accountSid()) + "/Messages.json"))
                .timeout(timeout)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()))
                .map(this::answer)
                // The request's timeout ends at the answer's headers; this one bounds the whole exchange (a provider
                // that stalls in the middle of its body).
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new DeliveryFailure(
                        DeliveryFailure.Kind.TRANSIENT, provider.name() + ": no complete answer within " + timeout))
                .onFailure(f -> !(f instanceof DeliveryFailure))
                .transform(f -> new DeliveryFailure(
                        DeliveryFailure.Kind.TRANSIENT, provider.name() + ": " + DeliveryFailure.describe(f)));
    }

    private String answer(HttpResponse<java.io.InputStream> response) {
        String text;
        try (java.io.InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new DeliveryFailure(
                    DeliveryFailure.Kind.TRANSIENT,
                    provider.name() + ": the answer was cut off (" + e.getMessage() + ")");
        }
        int status = response.statusCode();
        JsonNode body = parse(text);
        if (status == 200 || status == 201) {
            String sid = body == null ? null : body.path("sid").asText(null);
            if (sid == null || sid.isBlank()) {
                throw new DeliveryFailure(
                        DeliveryFailure.Kind.PROVIDER,
                        provider.name() + " answered " + status + " without a message sid");
            }
            return sid;
        }
        String detail = provider.name() + " answered " + status
                + (body != null && body.has("code")
                        ? " (code " + body.path("code").asText() + ")"
                        : "")
                + (body != null && body.has("message")
                        ? ": " + body.path("message").asText()
                        : "");
        if (status == 429 || status >= 500) {
            throw new DeliveryFailure(DeliveryFailure.Kind.TRANSIENT, detail);
        }
        if (status == 400 && body != null && recipientCode(body.path("code").asInt())) {
            throw new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT, detail);
        }
        // 401, 403, 404 and other refusals: this provider (its account, its settings) cannot send now.
        throw new DeliveryFailure(DeliveryFailure.Kind.PROVIDER, detail);
    }

    /**
     * Twilio's codes for a number no provider will reach: 21211 invalid 'To', 21214 not a mobile, 21408 region not
     * enabled is the provider's (left out), 21610 the recipient unsubscribed (STOP), 21614 not a mobile number.
     */
    private static boolean recipientCode(int code) {
        return code == 21211 || code == 21214 || code == 21610 || code == 21614;
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
