package io.comply360.registration.checklist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.registration.wizard.Definition;
import io.comply360.registration.wizard.DocumentRequirement;
import io.smallrye.mutiny.Uni;

/**
 * Works out a filing's checklist from its definition's document requirements and its data (a slot per director, the
 * custom MOI only when the MOI is custom, …), and what document-service decided for each slot.
 */
@ApplicationScoped
public class Checklists {

    private final DocumentChecks checks;

    public Checklists(DocumentChecks checks) {
        this.checks = checks;
    }

    /** The checklist of a filing, read inside the caller's tenant transaction. */
    public Uni<ChecklistView> of(
            UUID registrationId, Definition definition, ObjectNode data, Map<String, Long> stepVersions) {
        return checks.list("registrationId", registrationId)
                .map(checks -> build(definition, data, stepVersions, checks));
    }

    public static ChecklistView build(
            Definition definition, ObjectNode data, Map<String, Long> stepVersions, Collection<DocumentCheck> checks) {
        Map<String, DocumentCheck> decided = new HashMap<>();
        checks.forEach(check -> decided.put(key(check.documentType, check.personId), check));
        List<ChecklistView.Slot> slots = new ArrayList<>();
        for (DocumentRequirement requirement : definition.documents()) {
            if (requirement.when() != null && !applies(requirement.when(), data)) {
                continue;
            }
            long relevant = relevantVersion(requirement, stepVersions);
            if (requirement.per() != null) {
                JsonNode items = data.path(requirement.per().step())
                        .path(requirement.per().items());
                for (JsonNode item : items) {
                    if (item.hasNonNull("personId")) {
                        UUID person = UUID.fromString(item.get("personId").asText());
                        slots.add(slot(
                                requirement,
                                person,
                                nameOf(item),
                                decided.get(key(requirement.type(), person)),
                                relevant));
                    }
                }
            } else {
                slots.add(slot(
                        requirement,
                        null,
                        null,
                        decided.get(key(requirement.type(), DocumentCheck.NO_PERSON)),
                        relevant));
            }
        }
        return new ChecklistView(slots.stream().allMatch(ChecklistView.Slot::satisfied), List.copyOf(slots));
    }

    private static ChecklistView.Slot slot(
            DocumentRequirement requirement, UUID person, String name, DocumentCheck check, long relevant) {
        String status;
        if (check == null) {
            status = "MISSING";
        } else if ("VERIFIED".equals(check.status) && (check.dataVersion == null || check.dataVersion < relevant)) {
            status = "STALE";
        } else {
            status = check.status;
        }
        return new ChecklistView.Slot(
                requirement.type(),
                requirement.label(),
                person,
                name,
                requirement.required(),
                status,
                check == null ? null : check.documentId,
                check == null ? null : check.reason,
                check == null ? null : check.checkedAt);
    }

    /**
     * The data version a verification must be at least as new as: that of the step the document is about (the
     * people's step, or the step its condition reads). A requirement tied to no step (a proof of address) is not
     * compared: editing another step never sends it back for verification.
     */
    private static long relevantVersion(DocumentRequirement requirement, Map<String, Long> stepVersions) {
        String step = requirement.per() != null
                ? requirement.per().step()
                : requirement.when() != null ? requirement.when().step() : null;
        if (step != null) {
            return stepVersions.getOrDefault(step, 0L);
        }
        return 0L;
    }

    private static boolean applies(DocumentRequirement.When when, ObjectNode data) {
        JsonNode value = data.path(when.step());
        for (String part : when.field().split("\\.")) {
            value = value.path(part);
        }
        return value.equals(when.equals());
    }

    private static String nameOf(JsonNode person) {
        for (String field : List.of("fullName", "name")) {
            if (person.hasNonNull(field)) {
                return person.get(field).asText();
            }
        }
        String first = person.path("firstNames").asText("");
        String last = person.path("surname").asText("");
        String name = (first + " " + last).strip();
        return name.isEmpty() ? null : name;
    }

    private static String key(String type, UUID person) {
        return type + "/" + (person == null ? DocumentCheck.NO_PERSON : person);
    }
}
