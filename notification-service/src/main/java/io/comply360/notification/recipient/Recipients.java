package io.comply360.notification.recipient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.registration.ClientContacts;
import io.comply360.clients.registration.RegistrationClientsApi;
import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.clients.tenant.TenantServiceApi;
import io.comply360.notification.workflow.Audience;
import io.comply360.notification.workflow.Trigger;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Looks up who an audience is at send time (events carry ids only): people through tenant-service's directory,
 * clients through registration-service. Someone the directory no longer knows, a disabled person and an archived
 * client are left out; the person who caused the event is not told of their own action. Called with no transaction.
 */
@ApplicationScoped
public class Recipients {

    private final TenantDirectory directory;
    private final ClientContacts clients;

    public Recipients(TenantDirectory directory, ClientContacts clients) {
        this.directory = directory;
        this.clients = clients;
    }

    public Uni<List<Recipient>> of(Trigger trigger, Audience audience) {
        UUID tenantId = trigger.tenantId();
        Uni<List<Recipient>> found = switch (audience) {
            case AGENT -> person(tenantId, trigger.agentId());
            case ASSIGNEE -> person(tenantId, trigger.assigneeId());
            case TENANT_ADMINS -> role(tenantId, Roles.TENANT_ADMIN);
            case CLIENT -> client(tenantId, trigger.clientId());
            case SUBJECT_USER -> person(tenantId, trigger.subjectUserId());
            case REQUESTED -> requested(trigger);
        };
        boolean notSelf = audience != Audience.SUBJECT_USER && audience != Audience.REQUESTED;
        return found.map(list -> notSelf && trigger.actorId() != null
                ? list.stream()
                        .filter(r -> !trigger.actorId().equals(r.userId()))
                        .toList()
                : list);
    }

    private Uni<List<Recipient>> requested(Trigger trigger) {
        UUID tenantId = trigger.tenantId();
        List<Uni<List<Recipient>>> parts = new ArrayList<>();
        trigger.requestedIds("user").forEach(id -> parts.add(person(tenantId, id)));
        trigger.requestedIds("role").forEach(role -> parts.add(role(tenantId, role)));
        for (String id : trigger.requestedIds("client")) {
            UUID clientId;
            try {
                clientId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                Log.warnf("notification.requested %s names client %s, which is not a client id", trigger.eventId(), id);
                continue;
            }
            parts.add(client(tenantId, clientId));
        }
        if (parts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // One after the other: a request names a few people, and the directory is not to be flooded.
        Uni<List<Recipient>> all = Uni.createFrom().item(List.of());
        for (Uni<List<Recipient>> part : parts) {
            all = all.chain(sofar -> part.map(more -> {
                List<Recipient> merged = new ArrayList<>(sofar);
                merged.addAll(more);
                return merged;
            }));
        }
        return all;
    }

    private Uni<List<Recipient>> person(UUID tenantId, String userId) {
        if (userId == null || userId.isBlank() || userId.equals("system")) {
            return Uni.createFrom().item(List.of());
        }
        return directory
                .person(tenantId, userId)
                .map(person -> person.enabled() ? List.of(of(tenantId, person)) : List.<Recipient>of())
                .onFailure(TenantDirectory.NotFound.class)
                .recoverWithItem(failure -> {
                    Log.infof("tenant-service does not know person %s of tenant %s: not told", userId, tenantId);
                    return List.of();
                });
    }

    private Uni<List<Recipient>> role(UUID tenantId, String role) {
        if (!List.of(Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT).contains(role)) {
            Log.warnf("No tenant role %s: nobody told", role);
            return Uni.createFrom().item(List.of());
        }
        return directory
                .people(tenantId, role)
                .map(people -> people.stream()
                        .filter(TenantServiceApi.Person::enabled)
                        .map(person -> of(tenantId, person))
                        .toList())
                .onFailure(TenantDirectory.NotFound.class)
                .recoverWithItem(List.of());
    }

    private Uni<List<Recipient>> client(UUID tenantId, UUID clientId) {
        if (clientId == null) {
            return Uni.createFrom().item(List.of());
        }
        return clients.contact(tenantId, clientId)
                .map(contact -> contact.archived() ? List.<Recipient>of() : List.of(of(tenantId, contact)))
                .onFailure(ClientContacts.NotFound.class)
                .recoverWithItem(failure -> {
                    Log.infof(
                            "registration-service does not know client %s of tenant %s: not told", clientId, tenantId);
                    return List.of();
                });
    }

    private static Recipient of(UUID tenantId, TenantServiceApi.Person person) {
        return Recipient.user(
                tenantId, person.id(), person.displayName(), person.email(), person.phone(), person.locale());
    }

    private static Recipient of(UUID tenantId, RegistrationClientsApi.Contact contact) {
        return Recipient.client(
                tenantId, contact.id(), contact.name(), contact.email(), contact.phone(), contact.locale());
    }
}
