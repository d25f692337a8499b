package io.comply360.notification.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.comply360.notification.config.NotificationConfig;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.validation.Text;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Delivery callbacks of the SMS providers (Twilio's status callback: form-encoded, signed with
 * {@code X-Twilio-Signature}). The URL names the provider, the tenant and the message (it is signed too, so none of
 * them can be swapped). {@code delivered} makes the message delivered; {@code undelivered} and {@code failed} make it
 * failed with the provider's error code; a callback for an earlier attempt's message id is recorded on that attempt.
 */
@Path("/webhooks/sms/{provider}/{tenantId}/{messageId}")
@PermitAll
public class SmsWebhookResource {

    private final SmsProviders providers;
    private final NotificationConfig config;
    private final TenantTransactions tx;
    private final Clock clock;

    public SmsWebhookResource(SmsProviders providers, NotificationConfig config, TenantTransactions tx, Clock clock) {
        this.providers = providers;
        this.config = config;
        this.tx = tx;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> status(
            @PathParam("provider") String providerName,
            @PathParam("tenantId") UUID tenantId,
            @PathParam("messageId") UUID messageId,
            @HeaderParam("X-Twilio-Signature") String signature,
            MultivaluedMap<String, String> form) {
        NotificationConfig.Provider provider =
                providers.named(providerName).orElseThrow(() -> ProblemException.notFound("Provider"));
        Map<String, String> parameters = new LinkedHashMap<>();
        if (form != null) {
            form.forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
        }
        String url = config.publicUrl().replaceAll("/+$", "") + "/webhooks/sms/" + providerName + "/" + tenantId + "/"
                + messageId;
        if (!ProviderSignatures.verify(provider.authToken(), url, parameters, signature)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The request's X-Twilio-Signature does not match");
        }
        // Signed, yet what is stored or looked up must be text the database takes (NUL is not).
        parameters.forEach((name, value) -> {
            String problem = Text.problemOf(name) != null ? "name " + Text.problemOf(name) : Text.problemOf(value);
            if (problem != null) {
                throw ProblemException.invalid(name, problem);
            }
        });
        String sid = parameters.get("MessageSid");
        String state = parameters.getOrDefault("MessageStatus", "");
        if (sid == null || sid.isBlank()) {
            throw ProblemException.invalid("MessageSid", "is required");
        }
        return tx.inTenant(
                        tenantId,
                        () -> Panache.getSession()
                                // Locked: the dispatcher may be recording the send of this message at the same time.
                                .chain(session -> session.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE)
                                        .chain(message -> {
                                            if (message == null || !"sms".equals(message.channel)) {
                                                throw ProblemException.notFound("Message");
                                            }
                                            return session.createSelectionQuery(
                                                            "from MessageAttempt where messageId = :id and providerMessageId = :sid",
                                                            MessageAttempt.class)
                                                    .setParameter("id", messageId)
                                                    .setParameter("sid", sid)
                                                    .getResultList()
                                                    .invoke(attempts -> apply(
                                                            message,
                                                            sid,
                                                            state,
                                                            parameters.get("ErrorCode"),
                                                            !attempts.isEmpty()));
                                        })))
                .replaceWith(Response.noContent().build());
    }

    private void apply(Message message, String sid, String state, String errorCode, boolean knownAttempt) {
        boolean current = sid.equals(message.providerMessageId) || (message.providerMessageId == null && !knownAttempt);
        if (!current) {
            return; // an earlier attempt's message (sent twice): its attempt row keeps what it was
        }
        switch (state) {
            case "delivered" -> {
                message.status = Status.DELIVERED;
                message.deliveredAt = clock.instant();
                message.providerMessageId = sid;
                message.lastError = null;
            }
            case "undelivered", "failed" -> {
                message.status = Status.FAILED;
                message.providerMessageId = sid;
                message.lastError = "the provider reports " + state
                        + (errorCode == null || errorCode.isBlank() ? "" : " (error code " + errorCode + ")");
            }
            default -> {
                return; // queued, sending, sent: nothing the log does not know
            }
        }
        message.updatedAt = clock.instant();
    }
}
