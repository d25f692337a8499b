package io.comply360.notification.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.notification.workflow.Trigger.People;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.PermanentEventException;

/** Reads an event through its contract into the {@link Trigger} of its workflow. */
public final class Triggers {

    private Triggers() {}

    public static Trigger of(CloudEvent event) {
        Workflow workflow = Workflows.of(event.type())
                .orElseThrow(() -> new PermanentEventException("No workflow for " + event.type()));
        UUID tenantId = event.requireTenant();
        String type = event.type();
        Map<String, Object> facts = new LinkedHashMap<>();
        if (type.equals(RegistrationEvents.SLA_BREACHED.type().type())) {
            RegistrationEvents.SlaBreached breached = RegistrationEvents.SLA_BREACHED.read(event);
            filing(facts, breached.reference(), breached.type(), breached.country(), breached.status());
            facts.put("sla.status", label(breached.status()));
            facts.put("sla.enteredAt", breached.enteredAt());
            facts.put("sla.dueAt", breached.dueAt());
            People people = People.of(null, breached.agentId(), breached.assigneeId(), breached.clientId());
            return ofFiling(event, tenantId, workflow, people, breached.registrationId(), false, facts);
        }
        if (type.startsWith("registration.")) {
            RegistrationEvents.Changed changed = read(event, changedContracts());
            filing(facts, changed.reference(), changed.type(), changed.country(), changed.status());
            People people = People.of(changed.actorId(), changed.agentId(), changed.assigneeId(), changed.clientId());
            return ofFiling(event, tenantId, workflow, people, changed.registrationId(), false, facts);
        }
        if (type.startsWith("document.")) {
            DocumentEvents.Checked checked = read(event, List.of(DocumentEvents.REJECTED, DocumentEvents.NEEDS_REVIEW));
            facts.put("document.type", label(checked.documentType()));
            facts.put("document.reason", checked.reason());
            // A document's event names its filing only: its people are read from registration-service.
            return ofFiling(event, tenantId, workflow, People.NONE, checked.registrationId(), true, facts);
        }
        if (type.equals(CommissionEvents.APPROVED.type().type())) {
            CommissionEvents.Changed changed = CommissionEvents.APPROVED.read(event);
            facts.put("commission.amount", changed.amount());
            facts.put("commission.currency", changed.currency());
            facts.put("commission.reference", changed.reference());
            People people = People.of(changed.actorId(), changed.agentId(), null, null);
            return trigger(event, tenantId, workflow, people, "/commissions/" + changed.commissionId(), facts, null);
        }
        if (type.equals(CommissionEvents.PAID.type().type())) {
            CommissionEvents.SettlementChanged paid = CommissionEvents.PAID.read(event);
            facts.put("settlement.total", paid.total());
            facts.put("settlement.currency", paid.currency());
            facts.put("settlement.periodEnd", paid.periodEnd().toString());
            facts.put("settlement.count", String.valueOf(paid.commissions()));
            People people = People.of(null, paid.agentId(), null, null);
            return trigger(event, tenantId, workflow, people, "/settlements/" + paid.settlementId(), facts, null);
        }
        if (type.equals(CommissionEvents.SYNC_FAILED.type().type())) {
            CommissionEvents.SyncFailed failed = CommissionEvents.SYNC_FAILED.read(event);
            facts.put("odoo.entity", failed.entity());
            facts.put("odoo.reason", failed.reason());
            return trigger(event, tenantId, workflow, People.NONE, "/odoo/jobs", facts, null);
        }
        if (type.equals(TenantEvents.PROVISIONED.type().type())) {
            TenantEvents.Provisioned provisioned = TenantEvents.PROVISIONED.read(event);
            if (provisioned.legalName().isBlank() || provisioned.slug().isBlank()) {
                throw new PermanentEventException("tenant.provisioned/v1 with a blank legalName or slug");
            }
            return trigger(event, tenantId, workflow, People.NONE, "/", facts, null);
        }
        if (type.equals(TenantEvents.USER_INVITED.type().type())) {
            TenantEvents.UserChanged invited = TenantEvents.USER_INVITED.read(event);
            People people = People.about(invited.changedBy(), invited.userId());
            return trigger(event, tenantId, workflow, people, "/", facts, null);
        }
        if (type.equals(NotificationEvents.REQUESTED.type().type())) {
            NotificationEvents.Requested requested = NotificationEvents.REQUESTED.read(event);
            facts.put("request.title", requested.title());
            facts.put("request.message", requested.message());
            return trigger(event, tenantId, workflow, People.NONE, requested.link(), facts, requested);
        }
        throw new PermanentEventException("No workflow for " + type);
    }

    private static Trigger trigger(
            CloudEvent event,
            UUID tenantId,
            Workflow workflow,
            People people,
            String link,
            Map<String, Object> facts,
            NotificationEvents.Requested requested) {
        return new Trigger(tenantId, event.id(), workflow, people, null, false, link, facts, requested);
    }

    private static Trigger ofFiling(
            CloudEvent event,
            UUID tenantId,
            Workflow workflow,
            People people,
            UUID registrationId,
            boolean lookUp,
            Map<String, Object> facts) {
        return new Trigger(
                tenantId,
                event.id(),
                workflow,
                people,
                registrationId,
                lookUp,
                "/registrations/" + registrationId,
                facts,
                null);
    }

    /** The contracts of registration events that carry a filing's change. */
    @SuppressWarnings("unchecked")
    private static List<EventContract<RegistrationEvents.Changed>> changedContracts() {
        return RegistrationEvents.ALL.stream()
                .filter(c -> c != RegistrationEvents.SLA_BREACHED)
                .map(c -> (EventContract<RegistrationEvents.Changed>) c)
                .toList();
    }

    private static void filing(
            Map<String, Object> facts, String reference, String type, String country, String status) {
        facts.put("filing.reference", reference);
        facts.put("filing.type", label(type));
        facts.put("filing.country", country);
        facts.put("filing.status", label(status));
    }

    private static <T extends Record> T read(CloudEvent event, List<EventContract<T>> contracts) {
        for (EventContract<T> contract : contracts) {
            if (contract.matches(event)) {
                return contract.read(event);
            }
        }
        throw new PermanentEventException("No workflow for " + event.type());
    }

    /** {@code IN_REVIEW} → "in review", {@code private-company} → "private company": codes as words for people. */
    public static String label(String code) {
        return code == null
                ? null
                : code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }
}
