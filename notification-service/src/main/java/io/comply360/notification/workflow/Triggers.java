package io.comply360.notification.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.contracts.tenant.TenantEvents;
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
        if (type.startsWith("registration.")) {
            return registration(event, tenantId, workflow);
        }
        if (type.startsWith("document.")) {
            DocumentEvents.Checked checked = read(event, DocumentEvents.REJECTED, DocumentEvents.NEEDS_REVIEW);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("document.type", label(checked.documentType()));
            facts.put("document.reason", checked.reason());
            return new Trigger(
                    tenantId,
                    event.id(),
                    workflow,
                    null,
                    null,
                    null,
                    null,
                    null,
                    checked.registrationId(),
                    true,
                    "/registrations/" + checked.registrationId(),
                    facts,
                    null);
        }
        if (type.equals(CommissionEvents.APPROVED.type().type())) {
            CommissionEvents.Changed changed = CommissionEvents.APPROVED.read(event);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("commission.amount", changed.amount());
            facts.put("commission.currency", changed.currency());
            facts.put("commission.reference", changed.reference());
            return simple(
                    event,
                    tenantId,
                    workflow,
                    changed.actorId(),
                    changed.agentId(),
                    null,
                    "/commissions/" + changed.commissionId(),
                    facts);
        }
        if (type.equals(CommissionEvents.PAID.type().type())) {
            CommissionEvents.SettlementChanged paid = CommissionEvents.PAID.read(event);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("settlement.total", paid.total());
            facts.put("settlement.currency", paid.currency());
            facts.put("settlement.periodEnd", paid.periodEnd().toString());
            facts.put("settlement.count", String.valueOf(paid.commissions()));
            return simple(
                    event,
                    tenantId,
                    workflow,
                    null,
                    paid.agentId(),
                    null,
                    "/settlements/" + paid.settlementId(),
                    facts);
        }
        if (type.equals(CommissionEvents.SYNC_FAILED.type().type())) {
            CommissionEvents.SyncFailed failed = CommissionEvents.SYNC_FAILED.read(event);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("odoo.entity", failed.entity());
            facts.put("odoo.reason", failed.reason());
            return simple(event, tenantId, workflow, null, null, null, "/odoo/jobs", facts);
        }
        if (type.equals(TenantEvents.PROVISIONED.type().type())) {
            TenantEvents.Provisioned provisioned = TenantEvents.PROVISIONED.read(event);
            if (provisioned.legalName().isBlank() || provisioned.slug().isBlank()) {
                throw new PermanentEventException("tenant.provisioned/v1 with a blank legalName or slug");
            }
            return simple(event, tenantId, workflow, null, null, null, "/", Map.of());
        }
        if (type.equals(TenantEvents.USER_INVITED.type().type())) {
            TenantEvents.UserChanged invited = TenantEvents.USER_INVITED.read(event);
            return simple(event, tenantId, workflow, invited.changedBy(), null, invited.userId(), "/", Map.of());
        }
        if (type.equals(NotificationEvents.REQUESTED.type().type())) {
            NotificationEvents.Requested requested = NotificationEvents.REQUESTED.read(event);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("request.title", requested.title());
            facts.put("request.message", requested.message());
            return new Trigger(
                    tenantId,
                    event.id(),
                    workflow,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    requested.link(),
                    facts,
                    requested);
        }
        throw new PermanentEventException("No workflow for " + type);
    }

    private static Trigger registration(CloudEvent event, UUID tenantId, Workflow workflow) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (event.type().equals(RegistrationEvents.SLA_BREACHED.type().type())) {
            RegistrationEvents.SlaBreached breached = RegistrationEvents.SLA_BREACHED.read(event);
            filing(facts, breached.reference(), breached.type(), breached.country(), breached.status());
            facts.put("sla.status", label(breached.status()));
            facts.put("sla.enteredAt", breached.enteredAt());
            facts.put("sla.dueAt", breached.dueAt());
            return new Trigger(
                    tenantId,
                    event.id(),
                    workflow,
                    null,
                    breached.agentId(),
                    breached.assigneeId(),
                    breached.clientId(),
                    null,
                    breached.registrationId(),
                    false,
                    "/registrations/" + breached.registrationId(),
                    facts,
                    null);
        }
        EventContract<RegistrationEvents.Changed> contract = RegistrationEvents.ALL.stream()
                .filter(c -> c.matches(event))
                .filter(c -> c.type().type().equals(event.type()))
                .map(Triggers::changed)
                .findFirst()
                .orElseThrow(() -> new PermanentEventException("No workflow for " + event.type()));
        RegistrationEvents.Changed changed = contract.read(event);
        filing(facts, changed.reference(), changed.type(), changed.country(), changed.status());
        return new Trigger(
                tenantId,
                event.id(),
                workflow,
                changed.actorId(),
                changed.agentId(),
                changed.assigneeId(),
                changed.clientId(),
                null,
                changed.registrationId(),
                false,
                "/registrations/" + changed.registrationId(),
                facts,
                null);
    }

    @SuppressWarnings("unchecked")
    private static EventContract<RegistrationEvents.Changed> changed(EventContract<?> contract) {
        return (EventContract<RegistrationEvents.Changed>) contract;
    }

    private static void filing(
            Map<String, Object> facts, String reference, String type, String country, String status) {
        facts.put("filing.reference", reference);
        facts.put("filing.type", label(type));
        facts.put("filing.country", country);
        facts.put("filing.status", label(status));
    }

    private static Trigger simple(
            CloudEvent event,
            UUID tenantId,
            Workflow workflow,
            String actor,
            String agent,
            String subjectUser,
            String link,
            Map<String, Object> facts) {
        return new Trigger(
                tenantId, event.id(), workflow, actor, agent, null, null, subjectUser, null, false, link, facts, null);
    }

    @SafeVarargs
    private static <T extends Record> T read(CloudEvent event, EventContract<T>... contracts) {
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
