package io.comply360.registration.filing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.data.InTransaction;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.data.audit.AuditView;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.Versions;
import io.comply360.registration.Caller.Actor;
import io.comply360.registration.checklist.ChecklistView;
import io.comply360.registration.checklist.Checklists;
import io.comply360.registration.client.ClientRepository;
import io.comply360.registration.sla.BusinessCalendar;
import io.comply360.registration.sla.TenantProfiles;
import io.comply360.registration.sla.TenantProfiles.Profile;
import io.comply360.registration.wizard.Definition;
import io.comply360.registration.wizard.FieldMessage;
import io.comply360.registration.wizard.Step;
import io.comply360.registration.wizard.StepData;
import io.comply360.registration.wizard.ValidationResult;
import io.comply360.registration.wizard.WizardService;
import io.smallrye.mutiny.Uni;

/**
 * The filing workflow's rules. Each change runs in one tenant transaction with the filing's row locked: the state,
 * the audit entry (the timeline) and the event in the outbox commit together. What needs tenant-service (the
 * tenant's SLA settings, whether an assignee may review) is asked before the transaction opens.
 */
@ApplicationScoped
public class RegistrationService {

    /** At most this many changed fields are listed per timeline entry. */
    static final int MAX_CHANGED_FIELDS = 50;

    private final TenantTransactions tx;
    private final RegistrationRepository registrations;
    private final ClientRepository clients;
    private final WizardService wizards;
    private final Checklists checklists;
    private final TenantProfiles profiles;
    private final TenantDirectory directory;
    private final BusinessCalendar calendar;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json;

    public RegistrationService(
            TenantTransactions tx,
            RegistrationRepository registrations,
            ClientRepository clients,
            WizardService wizards,
            Checklists checklists,
            TenantProfiles profiles,
            TenantDirectory directory,
            BusinessCalendar calendar,
            AuditTrail audit,
            Outbox outbox,
            Clock clock,
            ObjectMapper json) {
        this.tx = tx;
        this.registrations = registrations;
        this.clients = clients;
        this.wizards = wizards;
        this.checklists = checklists;
        this.profiles = profiles;
        this.directory = directory;
        this.calendar = calendar;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    /** A filing with what its page shows. */
    public record Loaded(Registration registration, RegistrationView view) {}

    // ---- starting and editing -------------------------------------------------------------------------------

    /**
     * A new draft for a client, pinned to the current version of its filing type, with the tenant's next reference.
     */
    public Uni<StoredResponse> start(
            Actor actor, RegistrationRequests.Start request, InTransaction<Loaded, StoredResponse> edge) {
        Definition definition = wizards.definition(request.country(), request.type(), null);
        return profiles.of(actor.tenantId()).chain(profile -> {
            if (profile.known() && !profile.countries().contains(request.country())) {
                throw ProblemException.invalid(
                        "country",
                        "the agency does not file in " + request.country() + " (it files in "
                                + String.join(", ", profile.countries()) + ")");
            }
            return tx.inTenant(
                    actor.tenantId(),
                    () -> edge.run(() -> clients.findById(request.clientId()).chain(client -> {
                        if (client == null) {
                            throw ProblemException.invalid("clientId", "no such client in this agency");
                        }
                        if (client.archived()) {
                            throw ProblemException.invalid("clientId", "the client is archived; restore it first");
                        }
                        Instant now = clock.instant();
                        return registrations
                                .nextReferenceNumber(actor.tenantId(), RegistrationRepository.yearOf(now))
                                .chain(number -> {
                                    Registration r = new Registration();
                                    r.id = UUID.randomUUID();
                                    r.tenantId = actor.tenantId();
                                    r.reference = reference(profile, actor.tenantId(), now, number);
                                    r.clientId = client.id;
                                    r.country = definition.country();
                                    r.type = definition.type();
                                    r.definitionVersion = definition.version();
                                    r.status = RegistrationStatus.DRAFT;
                                    r.data = json.createObjectNode();
                                    r.stepVersions = Map.of();
                                    r.agentId = actor.userId();
                                    r.stateEnteredAt = now;
                                    r.version = 1;
                                    r.createdAt = now;
                                    r.updatedAt = now;
                                    enterState(r, RegistrationStatus.DRAFT, now, profile);
                                    return registrations
                                            .persist(r)
                                            .call(() -> record(
                                                    actor,
                                                    r,
                                                    "registration.created",
                                                    Map.of(
                                                            "status",
                                                            r.status,
                                                            "definition",
                                                            r.country + "/" + r.type + " v" + r.definitionVersion)))
                                            .call(() -> publish(RegistrationEvents.CREATED, r, null, actor.userId()))
                                            .chain(() -> load(r));
                                });
                    })));
        });
    }

    /**
     * Autosaves one step of a filing the agent may still change: valid data only (422 naming the step's fields
     * otherwise), people given stable ids, the data version bumped, the changed fields (never their values) on the
     * timeline.
     */
    public Uni<Loaded> saveStep(Actor actor, UUID id, String stepId, String ifMatch, JsonNode data) {
        return tx.inTenant(
                actor.tenantId(),
                () -> locked(id).chain(r -> {
                    Versions.requireMatch(ifMatch, r.version);
                    if (!RegistrationStatus.EDITABLE.contains(r.status)) {
                        throw ProblemException.conflict("The filing is " + r.status
                                + "; its data can change only while it is a DRAFT or CHANGES_REQUESTED");
                    }
                    requireHolder(r, actor, false);
                    Definition definition = definitionOf(r);
                    Step step = wizards.requireStep(definition, stepId);
                    ValidationResult result = wizards.validateStep(definition, stepId, data);
                    if (!result.valid()) {
                        throw new ProblemException(
                                ProblemType.VALIDATION_FAILED,
                                "Step '" + stepId + "' has " + result.errors().size() + " error(s)",
                                result.errors().stream()
                                        .map(e -> new FieldError(stepId + "." + e.field(), e.message()))
                                        .toList());
                    }
                    ObjectNode stored = StepData.withPersonIds(step, (ObjectNode) data);
                    JsonNode before = r.data.get(stepId);
                    List<String> changed = changedPaths(before, stored);
                    Instant now = clock.instant();
                    ObjectNode next = r.data.deepCopy();
                    next.set(stepId, stored);
                    r.data = next;
                    if (!changed.isEmpty()) {
                        r.dataVersion++;
                        Map<String, Long> versions = new HashMap<>(r.stepVersions);
                        versions.put(stepId, r.dataVersion);
                        r.stepVersions = versions;
                    }
                    r.lastStep = stepId;
                    r.companyName = companyName(definition, next);
                    r.version++;
                    r.updatedAt = now;
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("step", stepId);
                    detail.put(
                            "changed",
                            changed.size() > MAX_CHANGED_FIELDS ? changed.subList(0, MAX_CHANGED_FIELDS) : changed);
                    detail.put("dataVersion", r.dataVersion);
                    return record(actor, r, "registration.step_saved", detail).chain(() -> load(r));
                }));
    }

    // ---- the workflow ---------------------------------------------------------------------------------------

    /**
     * Submits a draft, or resubmits after changes: every step valid and the checklist complete, else 422 listing
     * what is wrong or missing. Idempotent: a filing already (re)submitted answers as it is and publishes nothing.
     */
    public Uni<Loaded> submit(Actor actor, UUID id, String ifMatch) {
        return profiles.of(actor.tenantId())
                .chain(profile -> tx.inTenant(
                        actor.tenantId(),
                        () -> locked(id).chain(r -> {
                            if (r.status == RegistrationStatus.SUBMITTED
                                    || r.status == RegistrationStatus.RESUBMITTED) {
                                return load(r);
                            }
                            requireMatchIfGiven(ifMatch, r.version);
                            RegistrationStatus next = RegistrationWorkflow.SUBMIT.from(r.status);
                            requireHolder(r, actor, false);
                            Definition definition = definitionOf(r);
                            return checklists
                                    .of(r.id, definition, r.data, r.stepVersions)
                                    .chain(checklist -> {
                                        List<FieldError> problems = new ArrayList<>();
                                        Map<String, JsonNode> data = new LinkedHashMap<>();
                                        r.data.fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue()));
                                        ValidationResult result = wizards.validateAll(definition, data);
                                        for (FieldMessage error : result.errors()) {
                                            problems.add(new FieldError(error.field(), error.message()));
                                        }
                                        for (ChecklistView.Slot slot : checklist.slots()) {
                                            if (!slot.satisfied()) {
                                                problems.add(new FieldError(slot.field(), missing(slot)));
                                            }
                                        }
                                        if (!problems.isEmpty()) {
                                            throw new ProblemException(
                                                    ProblemType.VALIDATION_FAILED,
                                                    "The filing is not ready to submit: " + problems.size()
                                                            + " problem(s)",
                                                    problems);
                                        }
                                        RegistrationStatus previous = r.status;
                                        if (previous == RegistrationStatus.DRAFT
                                                && actor.role().equals(Roles.AGENT)) {
                                            // The agent who submits is the agent of record (an assistant may have
                                            // prepared it).
                                            r.agentId = actor.userId();
                                        }
                                        r.assigneeId = null;
                                        return transition(actor, r, next, profile, Map.of())
                                                .call(() -> publish(
                                                        RegistrationWorkflow.SUBMIT.event(next),
                                                        r,
                                                        previous,
                                                        actor.userId()));
                                    });
                        })));
    }

    /**
     * Takes or gives the case. An agent takes it for themselves; a tenant admin gives it to anyone of the agency
     * (checked with tenant-service) and may take it from whoever holds it. Giving a submitted filing to a tenant
     * admin starts its review.
     */
    public Uni<Loaded> assign(Actor actor, UUID id, String assigneeId) {
        String wanted = assigneeId == null || assigneeId.isBlank() ? actor.userId() : assigneeId.strip();
        if (!actor.tenantAdmin() && !wanted.equals(actor.userId())) {
            throw ProblemException.forbidden("Only tenant admins assign a filing to someone else");
        }
        Uni<Boolean> reviewer = wanted.equals(actor.userId())
                ? Uni.createFrom().item(actor.tenantAdmin())
                : directory
                        .person(actor.tenantId(), wanted)
                        .map(person -> {
                            if (!person.enabled()) {
                                throw ProblemException.invalid("assigneeId", "the person is deactivated");
                            }
                            return person.roles() != null && person.roles().contains(Roles.TENANT_ADMIN);
                        })
                        .onFailure(TenantDirectory.NotFound.class)
                        .transform(f -> ProblemException.invalid("assigneeId", "no such person in this agency"));
        return reviewer.chain(isReviewer -> profiles.of(actor.tenantId())
                .chain(profile -> tx.inTenant(
                        actor.tenantId(),
                        () -> locked(id).chain(r -> {
                            if (r.status.isFinal()) {
                                throw ProblemException.conflict(
                                        "The filing is " + r.status + "; it can no longer be assigned");
                            }
                            requireHolder(r, actor, true);
                            if (!actor.tenantAdmin() && !agentMayHold(r.status)) {
                                throw ProblemException.conflict(
                                        "The filing is " + r.status + "; a tenant admin takes it into review");
                            }
                            String previousAssignee = r.assigneeId;
                            r.assigneeId = wanted;
                            if (RegistrationWorkflow.START_REVIEW.allowedFrom(r.status)) {
                                if (!isReviewer) {
                                    throw ProblemException.invalid(
                                            "assigneeId", "a submitted filing is reviewed by a tenant admin");
                                }
                                RegistrationStatus previous = r.status;
                                RegistrationStatus next = RegistrationWorkflow.START_REVIEW.from(previous);
                                return transition(actor, r, next, profile, Map.of("assignee", wanted))
                                        .call(() -> publish(RegistrationEvents.ASSIGNED, r, previous, actor.userId()));
                            }
                            if (Objects.equals(previousAssignee, wanted)) {
                                return load(r);
                            }
                            touch(r);
                            return record(actor, r, "registration.assigned", assignment(previousAssignee, wanted))
                                    .call(() -> publish(RegistrationEvents.ASSIGNED, r, r.status, actor.userId()))
                                    .chain(() -> load(r));
                        }))));
    }

    /** A reviewer's decision on a filing in review: back to its agent for changes, approved, or rejected. */
    public Uni<Loaded> review(Actor actor, UUID id, RegistrationWorkflow decision, String reason, String ifMatch) {
        return move(actor, id, ifMatch, decision, false, r -> {
            // Changes and approvals hand the case back to its agent; a rejection ends it.
            r.assigneeId = decision == RegistrationWorkflow.REJECT ? null : r.agentId;
            return reason == null ? Map.of() : Map.of("reason", reason);
        });
    }

    public Uni<Loaded> file(Actor actor, UUID id, String registryReference, String ifMatch) {
        return move(actor, id, ifMatch, RegistrationWorkflow.FILE, false, r -> {
            r.registryReference = registryReference.strip();
            return Map.of("registryReference", r.registryReference);
        });
    }

    public Uni<Loaded> register(Actor actor, UUID id, RegistrationRequests.Register request, String ifMatch) {
        return move(actor, id, ifMatch, RegistrationWorkflow.REGISTER, false, r -> {
            String number = request.enterpriseNumber().strip();
            wizards.checkOutcome(definitionOf(r), number).ifPresent(message -> {
                throw ProblemException.invalid("enterpriseNumber", message);
            });
            r.enterpriseNumber = number;
            r.assigneeId = null;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("enterpriseNumber", number);
            if (request.certificateDocumentId() != null) {
                detail.put("certificateDocumentId", request.certificateDocumentId());
            }
            return detail;
        });
    }

    /** Cancels a filing before it is registered. Tenant admins may cancel a case someone else holds. */
    public Uni<Loaded> cancel(Actor actor, UUID id, String reason, String ifMatch) {
        return move(actor, id, ifMatch, RegistrationWorkflow.CANCEL, true, r -> {
            r.assigneeId = null;
            return Map.of("reason", reason);
        });
    }

    /**
     * A move of the workflow: the tenant's SLA settings first (outside the transaction), then in one transaction the
     * row locked, its version checked when given, the move's legality from the current state, the holder (tenant
     * admins may override where {@code adminOverrides}); {@code change} applies what the move records and answers
     * the timeline's detail; the new state's clock, the timeline entry and the event follow.
     */
    private Uni<Loaded> move(
            Actor actor,
            UUID id,
            String ifMatch,
            RegistrationWorkflow action,
            boolean adminOverrides,
            Function<Registration, Map<String, ?>> change) {
        return profiles.of(actor.tenantId())
                .chain(profile -> tx.inTenant(
                        actor.tenantId(),
                        () -> locked(id).chain(r -> {
                            requireMatchIfGiven(ifMatch, r.version);
                            RegistrationStatus previous = r.status;
                            RegistrationStatus next = action.from(previous);
                            requireHolder(r, actor, adminOverrides);
                            Map<String, ?> detail = change.apply(r);
                            return transition(actor, r, next, profile, detail)
                                    .call(() -> publish(action.event(next), r, previous, actor.userId()));
                        })));
    }

    // ---- reading --------------------------------------------------------------------------------------------

    public Uni<Loaded> get(UUID tenantId, UUID id) {
        return tx.inTenant(
                tenantId,
                () -> registrations.findById(id).map(RegistrationService::found).chain(this::load));
    }

    public Uni<Page<RegistrationView.Summary>> list(UUID tenantId, RegistrationFilter filter, int limit, int offset) {
        Instant now = clock.instant();
        return tx.inTenant(tenantId, () -> registrations.page(filter, now, limit, offset))
                .map(page -> new Page<>(
                        page.items().stream()
                                .map(r -> RegistrationView.Summary.of(r, now))
                                .toList(),
                        page.total(),
                        limit,
                        offset));
    }

    /** The filing's timeline, oldest first: 404 for a filing the tenant does not have. */
    public Uni<Page<AuditView>> timeline(UUID tenantId, UUID id, int limit, int offset) {
        return tx.inTenant(
                tenantId,
                () -> registrations
                        .findById(id)
                        .map(RegistrationService::found)
                        .chain(r -> audit.history(target(r.id), limit, offset)));
    }

    /**
     * What document-service verifies a document against: the data (with its version and each step's), the names it
     * may look for, and the checklist's slots (a document is accepted only for one of them); and who the filing's
     * client, agent and holder are (notification-service tells them of their documents).
     */
    public Uni<RegistrationView.FilingData> filingData(UUID tenantId, UUID id) {
        return tx.inTenant(tenantId, () -> registrations.findById(id).map(RegistrationService::found))
                .map(r -> {
                    List<RegistrationView.DocumentSlot> slots =
                            Checklists.build(definitionOf(r), r.data, r.stepVersions, List.of()).slots().stream()
                                    .map(slot -> new RegistrationView.DocumentSlot(
                                            slot.documentType(), slot.personId(), slot.personName()))
                                    .toList();
                    return new RegistrationView.FilingData(
                            r.id,
                            r.reference,
                            r.country,
                            r.type,
                            r.definitionVersion,
                            r.status,
                            r.companyName,
                            r.enterpriseNumber,
                            r.clientId,
                            r.agentId,
                            r.assigneeId,
                            r.dataVersion,
                            r.stepVersions,
                            r.data,
                            slots);
                });
    }

    /**
     * A tenant's filings that need attention now (notification-service's daily digest): waiting for a reviewer,
     * oldest in their state first; open and due within {@code warnWithinHours}, soonest first; past their due time,
     * the longest overdue first. Each section counts all its filings and lists the first
     * {@value RegistrationDigest#ITEMS}.
     */
    public Uni<RegistrationDigest> digest(UUID tenantId, int warnWithinHours) {
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofHours(warnWithinHours));
        return tx.inTenant(
                tenantId,
                () -> registrations
                        .waitingForReview(RegistrationDigest.ITEMS)
                        .chain(waiting -> registrations
                                .dueWithin(now, until, RegistrationDigest.ITEMS)
                                .chain(warnings -> registrations
                                        .pastDue(now, RegistrationDigest.ITEMS)
                                        .map(breached ->
                                                new RegistrationDigest(tenantId, now, waiting, warnings, breached)))));
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    private Uni<Registration> locked(UUID id) {
        return registrations.lock(id).map(RegistrationService::found);
    }

    private static Registration found(Registration r) {
        if (r == null) {
            throw ProblemException.notFound("Registration");
        }
        return r;
    }

    Definition definitionOf(Registration r) {
        return wizards.definition(r.country, r.type, r.definitionVersion);
    }

    private Uni<Loaded> load(Registration r) {
        Definition definition = definitionOf(r);
        return checklists.of(r.id, definition, r.data, r.stepVersions).map(checklist -> {
            List<RegistrationView.StepProgress> steps = definition.steps().stream()
                    .map(s -> new RegistrationView.StepProgress(s.id(), s.title(), r.data.has(s.id())))
                    .toList();
            return new Loaded(r, RegistrationView.of(r, steps, checklist, clock.instant()));
        });
    }

    /** Enters {@code next}: a new SLA clock for the state, the timeline entry. The caller publishes the event. */
    private Uni<Loaded> transition(
            Actor actor, Registration r, RegistrationStatus next, Profile profile, Map<String, ?> extra) {
        RegistrationStatus previous = r.status;
        Instant now = clock.instant();
        enterState(r, next, now, profile);
        touch(r);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", previous);
        detail.put("to", next);
        detail.putAll(extra);
        if (r.dueAt != null) {
            detail.put("dueAt", r.dueAt);
        }
        return record(actor, r, "registration." + next.name().toLowerCase(java.util.Locale.ROOT), detail)
                .chain(() -> load(r));
    }

    /**
     * The state's SLA clock: due after the tenant's target for the state in business hours (its working week and
     * zone, the country's public holidays); no target, no due time.
     */
    void enterState(Registration r, RegistrationStatus next, Instant now, Profile profile) {
        r.status = next;
        r.stateEnteredAt = now;
        r.slaBreachedAt = null;
        var target = next.isFinal() ? null : profile.target(next.name());
        r.dueAt = target == null ? null : calendar.addBusinessHours(r.country, profile.hours(), now, target);
    }

    /** Actions take {@code If-Match} when the caller wants to be sure of the version it saw; without, they act. */
    private static void requireMatchIfGiven(String ifMatch, long version) {
        if (ifMatch != null) {
            Versions.requireMatch(ifMatch, version);
        }
    }

    private void touch(Registration r) {
        r.version++;
        r.updatedAt = clock.instant();
    }

    /**
     * Whoever holds a case acts on it alone. {@code adminOverrides}: a tenant admin may act on (or take) a case
     * someone else holds — to reassign or cancel it.
     */
    private static void requireHolder(Registration r, Actor actor, boolean adminOverrides) {
        if (r.assigneeId == null || r.assigneeId.equals(actor.userId())) {
            return;
        }
        if (adminOverrides && actor.tenantAdmin()) {
            return;
        }
        throw new ProblemException(
                ProblemType.CONFLICT,
                "The filing is assigned to someone else; only they can act on it until a tenant admin reassigns it",
                List.of(new FieldError("assigneeId", "is " + r.assigneeId)));
    }

    private static boolean agentMayHold(RegistrationStatus status) {
        return status == RegistrationStatus.DRAFT
                || status == RegistrationStatus.CHANGES_REQUESTED
                || status == RegistrationStatus.APPROVED
                || status == RegistrationStatus.FILED;
    }

    private static Map<String, Object> assignment(String from, String to) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assigneeFrom", from);
        detail.put("assignee", to);
        return detail;
    }

    private static String missing(ChecklistView.Slot slot) {
        String who = slot.personName() == null ? "" : " of " + slot.personName();
        return switch (slot.status()) {
            case "MISSING" -> "the " + slot.label().getOrDefault("en", slot.documentType()) + who + " is missing";
            case "NEEDS_REVIEW" ->
                "the " + slot.label().getOrDefault("en", slot.documentType()) + who
                        + " waits for a tenant admin's decision";
            case "REJECTED" ->
                "the " + slot.label().getOrDefault("en", slot.documentType()) + who + " was rejected; upload it again"
                        + (slot.reason() == null ? "" : " (" + slot.reason() + ")");
            default ->
                "the " + slot.label().getOrDefault("en", slot.documentType()) + who
                        + " was verified against older data; it must be verified again";
        };
    }

    private Uni<Void> record(Actor actor, Registration r, String action, Map<String, ?> detail) {
        return audit.record(actor.tenantId(), actor.userId(), actor.role(), action, target(r.id), detail);
    }

    static String target(UUID id) {
        return "registration:" + id;
    }

    private Uni<Void> publish(
            io.comply360.platform.broker.EventContract<RegistrationEvents.Changed> contract,
            Registration r,
            RegistrationStatus previous,
            String actorId) {
        return outbox.publish(
                        contract,
                        r.tenantId,
                        r.id.toString(),
                        new RegistrationEvents.Changed(
                                r.id,
                                r.reference,
                                r.country,
                                r.type,
                                r.definitionVersion,
                                r.status.name(),
                                previous == null ? null : previous.name(),
                                r.clientId,
                                r.agentId,
                                r.assigneeId,
                                actorId,
                                r.version,
                                r.updatedAt))
                .replaceWithVoid();
    }

    /** ACME-2026-000123: the agency's slug, the year, a number unique per agency and year. */
    private static String reference(Profile profile, UUID tenantId, Instant now, long number) {
        String prefix = profile.slug() != null
                ? profile.slug().replaceAll("[^a-z0-9]", "").toUpperCase(java.util.Locale.ROOT)
                : tenantId.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        if (prefix.length() > 12) {
            prefix = prefix.substring(0, 12);
        }
        return String.format("%s-%d-%06d", prefix, RegistrationRepository.yearOf(now), number);
    }

    /** The company name lists show: the first of the definition's {@code companyName} paths that has a value. */
    private static String companyName(Definition definition, ObjectNode data) {
        for (JsonNode path : definition.source().path("companyName")) {
            JsonNode value = data;
            for (String part : path.asText().split("\\.")) {
                int bracket = part.indexOf('[');
                if (bracket >= 0) {
                    value = value.path(part.substring(0, bracket))
                            .path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
                } else {
                    value = value.path(part);
                }
            }
            if (value.isTextual() && !value.asText().isBlank()) {
                String name = value.asText().strip();
                return name.length() > 200 ? name.substring(0, 200) : name;
            }
        }
        return null;
    }

    /** The paths of the fields that differ between two versions of a step's data (values never leave here). */
    static List<String> changedPaths(JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        diff(before, after, "", changed);
        return changed;
    }

    private static void diff(JsonNode before, JsonNode after, String path, List<String> changed) {
        if (changed.size() > MAX_CHANGED_FIELDS) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(before.get(name), after.get(name), path.isEmpty() ? name : path + "." + name, changed);
            }
        } else if (before != null && after != null && before.isArray() && after.isArray()) {
            int size = Math.max(before.size(), after.size());
            for (int i = 0; i < size; i++) {
                diff(before.get(i), after.get(i), path + "[" + i + "]", changed);
            }
        } else if (!Objects.equals(before, after)) {
            changed.add(path);
        }
    }
}
