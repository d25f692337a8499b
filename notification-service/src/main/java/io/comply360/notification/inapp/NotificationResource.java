package io.comply360.notification.inapp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.platform.concurrent.CallerContext;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;

/** The caller's in-app notifications: their inbox, its unread count, reading, and live updates (SSE). */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
public class NotificationResource {

    /** A comment this often keeps proxies from closing a quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final NotificationService notifications;
    private final LiveUpdates live;
    private final CurrentTenant caller;
    private final JsonWebToken token;

    public NotificationResource(
            NotificationService notifications, LiveUpdates live, CurrentTenant caller, JsonWebToken token) {
        this.notifications = notifications;
        this.live = live;
        this.caller = caller;
        this.token = token;
    }

    @GET
    public Uni<Response> list(@Valid @BeanParam PageRequest page, @QueryParam("unread") boolean unreadOnly) {
        return notifications
                .inbox(caller.require(), caller.userId(), unreadOnly, page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    @GET
    @Path("/unread-count")
    public Uni<Map<String, Long>> unreadCount() {
        return notifications.unread(caller.require(), caller.userId()).map(n -> Map.of("unread", n));
    }

    @POST
    @Path("/{id}/read")
    public Uni<Response> read(@PathParam("id") UUID id) {
        return notifications
                .markRead(caller.require(), caller.userId(), id)
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/read-all")
    public Uni<Map<String, Integer>> readAll() {
        return notifications.markAllRead(caller.require(), caller.userId()).map(n -> Map.of("marked", n));
    }

    /**
     * Live updates: {@code unread} (the count) at once and whenever it changes, {@code notification} (the new one)
     * as it arrives, a comment every 15 s, until the caller's token expires. Works with several replicas (see
     * {@link LiveUpdates}).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        UUID tenantId = caller.require();
        String userId = caller.userId();
        Multi<OutboundSseEvent> updates = Multi.createFrom()
                .<LiveUpdates.Signal>emitter(
                        emitter -> {
                            Runnable stop = live.listen(tenantId, userId, emitter::emit);
                            emitter.onTermination(stop);
                            emitter.emit(new LiveUpdates.Signal("resync", null));
                        },
                        BackPressureStrategy.LATEST)
                .onItem()
                .transformToUniAndConcatenate(signal -> CallerContext.onOwnContext(() -> notifications.live(
                                tenantId,
                                userId,
                                "notification".equals(signal.kind()) ? signal.notificationId() : null))
                        .map(now -> events(sse, now)))
                .onItem()
                .transformToMultiAndConcatenate(list -> Multi.createFrom().iterable(list));
        Multi<OutboundSseEvent> heartbeat = Multi.createFrom()
                .ticks()
                .every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        // The stream ends when the token it was opened with expires (a deactivated person's tokens are not renewed):
        // the portal reconnects with its current token.
        Duration left = Duration.ofSeconds(
                Math.max(1, token.getExpirationTime() - Instant.now().getEpochSecond()));
        return Multi.createBy().merging().streams(updates, heartbeat).select().first(left);
    }

    private static java.util.List<OutboundSseEvent> events(Sse sse, NotificationService.Live now) {
        OutboundSseEvent unread = sse.newEventBuilder()
                .name("unread")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.of("unread", now.unread()))
                .build();
        if (now.notification() == null) {
            return java.util.List.of(unread);
        }
        OutboundSseEvent notification = sse.newEventBuilder()
                .name("notification")
                .id(now.notification().id().toString())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(now.notification())
                .build();
        return java.util.List.of(notification, unread);
    }
}
