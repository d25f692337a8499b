package io.comply360.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.reactive.mutiny.Mutiny;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** The agency's delivery log: every message, where it stands, and each attempt to send it. */
@Path("/api/v1/notification-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class DeliveryResource {

    private final TenantTransactions tx;
    private final CurrentTenant caller;

    public DeliveryResource(TenantTransactions tx, CurrentTenant caller) {
        this.tx = tx;
        this.caller = caller;
    }

    /** Messages newest first, filtered by status, channel, workflow or recipient (subscriber key). */
    @GET
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("status")
                    @Pattern(
                            regexp = "queued|sending|sent|delivered|failed|skipped",
                            message = "must be one of queued, sending, sent, delivered, failed, skipped")
                    String status,
            @QueryParam("channel") @Pattern(regexp = "email|sms|in_app", message = "must be email, sms or in_app")
                    String channel,
            @QueryParam("workflow") @Size(max = 64, message = "must be at most 64 characters") String workflow,
            @QueryParam("recipient") @Size(max = 200, message = "must be at most 200 characters") String recipient) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (channel != null) {
            where.add("channel = :channel");
            parameters.and("channel", channel);
        }
        if (workflow != null) {
            where.add("workflow = :workflow");
            parameters.and("workflow", workflow);
        }
        if (recipient != null) {
            where.add("recipient = :recipient");
            parameters.and("recipient", recipient);
        }
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        return tx.inTenant(
                        caller.require(),
                        () -> count(query, parameters)
                                .chain(total -> find(query, parameters, page)
                                        .map(items -> new Page<>(
                                                items.stream()
                                                        .map(m -> DeliveryView.of(m, null))
                                                        .toList(),
                                                total,
                                                page.limit,
                                                page.offset))))
                .map(Page::toResponse);
    }

    @GET
    @Path("/{id}")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return tx.inTenant(
                caller.require(),
                () -> Panache.getSession()
                        .chain(session -> session.find(Message.class, id).chain(message -> {
                            if (message == null) {
                                throw ProblemException.notFound("Message");
                            }
                            return session.createSelectionQuery(
                                            "from MessageAttempt where messageId = :id order by attempt",
                                            MessageAttempt.class)
                                    .setParameter("id", id)
                                    .getResultList()
                                    .map(attempts -> DeliveryView.of(
                                            message,
                                            attempts.stream()
                                                    .map(a -> new DeliveryView.Attempt(
                                                            a.attempt,
                                                            a.provider,
                                                            a.status,
                                                            a.providerMessageId,
                                                            a.error,
                                                            a.startedAt,
                                                            a.finishedAt))
                                                    .toList()));
                        })));
    }

    private static Uni<Long> count(String query, Parameters parameters) {
        return Panache.getSession()
                .chain(session -> bind(
                                session.createSelectionQuery(
                                        "select count(*) from Message" + (query.isEmpty() ? "" : " where " + query),
                                        Long.class),
                                parameters)
                        .getSingleResult());
    }

    private static Uni<List<Message>> find(String query, Parameters parameters, PageRequest page) {
        return Panache.getSession()
                .chain(session -> bind(
                                session.createSelectionQuery(
                                        "from Message" + (query.isEmpty() ? "" : " where " + query)
                                                + " order by createdAt desc, id desc",
                                        Message.class),
                                parameters)
                        .setFirstResult(page.offset)
                        .setMaxResults(page.limit)
                        .getResultList());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, Parameters parameters) {
        parameters.map().forEach(query::setParameter);
        return query;
    }
}
