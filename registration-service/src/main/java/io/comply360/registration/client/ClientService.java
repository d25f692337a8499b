package io.comply360.registration.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.InTransaction;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.Versions;
import io.smallrye.mutiny.Uni;

/** The agency's clients: every change is versioned and lands in the audit trail with the fields it touched. */
@ApplicationScoped
public class ClientService {

    /** What a client's contact is for notification-service: no more than it needs to reach them. */
    public record Contact(UUID id, String name, String email, String phone, String locale, boolean archived) {}

    private final TenantTransactions tx;
    private final ClientRepository clients;
    private final AuditTrail audit;

    public ClientService(TenantTransactions tx, ClientRepository clients, AuditTrail audit) {
        this.tx = tx;
        this.clients = clients;
        this.audit = audit;
    }

    public Uni<StoredResponse> create(
            UUID tenantId,
            String userId,
            String role,
            ClientRequest request,
            InTransaction<Client, StoredResponse> edge) {
        return tx.inTenant(
                tenantId,
                () -> edge.run(() -> {
                    Instant now = Instant.now();
                    Client client = new Client();
                    client.id = UUID.randomUUID();
                    client.tenantId = tenantId;
                    client.createdAt = now;
                    client.createdBy = userId;
                    apply(client, request, userId, now);
                    client.version = 1;
                    return clients.persist(client)
                            .call(() -> audit.record(
                                    tenantId,
                                    userId,
                                    role,
                                    "client.created",
                                    target(client.id),
                                    Map.of("kind", client.kind)));
                }));
    }

    public Uni<Client> get(UUID tenantId, UUID id) {
        return tx.inTenant(tenantId, () -> clients.findById(id)).map(ClientService::found);
    }

    public Uni<Page<ClientView>> list(UUID tenantId, String query, boolean includeArchived, int limit, int offset) {
        return tx.inTenant(tenantId, () -> clients.page(query, includeArchived, limit, offset))
                .map(page ->
                        new Page<>(page.items().stream().map(ClientView::of).toList(), page.total(), limit, offset));
    }

    /** Replaces the details if {@code ifMatch} names the current version; an archived client is read-only. */
    public Uni<Client> replace(
            UUID tenantId, String userId, String role, UUID id, String ifMatch, ClientRequest request) {
        return tx.inTenant(
                tenantId,
                () -> clients.lock(id).map(ClientService::found).call(client -> {
                    Versions.requireMatch(ifMatch, client.version);
                    if (client.archived()) {
                        throw ProblemException.conflict("Client is archived; its details can no longer change");
                    }
                    List<String> changed = changedFields(client, request);
                    if (changed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    apply(client, request, userId, Instant.now());
                    client.version++;
                    return audit.record(
                            tenantId, userId, role, "client.updated", target(id), Map.of("changed", changed));
                }));
    }

    /** Archives a client: its filings stay, it leaves the default list and takes no new filings. Idempotent. */
    public Uni<Client> archive(UUID tenantId, String userId, String role, UUID id) {
        return tx.inTenant(
                tenantId,
                () -> clients.lock(id).map(ClientService::found).call(client -> {
                    if (client.archived()) {
                        return Uni.createFrom().voidItem();
                    }
                    client.archivedAt = Instant.now();
                    client.archivedBy = userId;
                    client.updatedAt = client.archivedAt;
                    client.updatedBy = userId;
                    client.version++;
                    return audit.record(tenantId, userId, role, "client.archived", target(id), Map.of());
                }));
    }

    public Uni<Contact> contact(UUID tenantId, UUID id) {
        return get(tenantId, id)
                .map(client -> new Contact(
                        client.id, client.name, client.email, client.phone, client.locale, client.archived()));
    }

    static String target(UUID id) {
        return "client:" + id;
    }

    private static Client found(Client client) {
        if (client == null) {
            throw ProblemException.notFound("Client");
        }
        return client;
    }

    private static void apply(Client client, ClientRequest request, String userId, Instant now) {
        client.kind = request.kind();
        client.name = request.name().strip();
        client.registrationNumber = blankToNull(request.registrationNumber());
        client.email = blankToNull(request.email());
        client.phone = blankToNull(request.phone());
        client.locale = request.locale() == null ? "en" : request.locale();
        client.updatedAt = now;
        client.updatedBy = userId;
    }

    /** The names of the fields a request changes (never their values: the audit trail holds no personal data). */
    private static List<String> changedFields(Client client, ClientRequest request) {
        List<String> changed = new ArrayList<>();
        compare(changed, "kind", client.kind, request.kind());
        compare(changed, "name", client.name, request.name().strip());
        compare(changed, "registrationNumber", client.registrationNumber, blankToNull(request.registrationNumber()));
        compare(changed, "email", client.email, blankToNull(request.email()));
        compare(changed, "phone", client.phone, blankToNull(request.phone()));
        compare(changed, "locale", client.locale, request.locale() == null ? "en" : request.locale());
        return changed;
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
