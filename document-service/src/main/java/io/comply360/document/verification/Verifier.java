package io.comply360.document.verification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.clients.registration.RegistrationServiceApi.FilingData;
import io.comply360.document.config.DocumentConfig;
import io.comply360.document.documents.DocumentStatus;
import io.comply360.document.extraction.Field;
import io.comply360.document.intake.Inspection;
import io.comply360.document.ocr.OcrResult;

/**
 * Compares what was read off a document with the filing's data, per document type:
 * <ul>
 * <li>identity documents ({@code id_copy}): the person's ID or passport number, surname, first names and birth
 * date;</li>
 * <li>registration certificates: the enterprise number and the company's name;</li>
 * <li>proofs of address: a filed address (street line and postal code);</li>
 * <li>constitutional documents, name searches, bank and consent letters: the company's (proposed) name.</li>
 * </ul>
 * Every expected value found, read with enough confidence → VERIFIED. A value read with low confidence, or not
 * found, or a document that carries JavaScript or embedded files → NEEDS_REVIEW saying what. A value read with
 * confidence that contradicts the filing (another valid ID number than the director's) → REJECTED naming the
 * field. Reasons never carry personal values: numbers are shown by their last digits only.
 */
@ApplicationScoped
public class Verifier {

    private static final Pattern ENTERPRISE = Pattern.compile("(?:19|20)[0-9]{2}/[0-9]{6}/[0-9]{2}");
    private static final Set<String> COMPANY_SUFFIXES = Set.of(
            "PTY",
            "LTD",
            "LIMITED",
            "PROPRIETARY",
            "PRIVATE",
            "PVT",
            "CC",
            "INC",
            "NPC",
            "RF",
            "SOC",
            "BPK",
            "EDMS",
            "BEPERK");

    private final int minConfidence;

    @Inject
    public Verifier(DocumentConfig config) {
        this.minConfidence = config.verification().minConfidence();
    }

    Verifier(int minConfidence) {
        this.minConfidence = minConfidence;
    }

    public Verdict verify(
            String documentType,
            UUID personId,
            List<String> flags,
            OcrResult read,
            List<Field> fields,
            FilingData filing) {
        List<Finding> findings = new ArrayList<>();
        if (read.characters() < 20) {
            findings.add(
                    new Finding("text", Finding.MISSING, "no readable text was found (a blank page or a poor scan)"));
            return Verdict.of(findings);
        }
        switch (documentType) {
            case "id_copy" -> identity(personId, fields, read, filing, findings);
            case "company_registration_certificate" -> {
                enterpriseNumber(fields, filing, findings);
                companyName(read, filing, findings);
            }
            case "proof_of_address" -> address(read, filing, findings);
            case "custom_moi",
                    "moi",
                    "memorandum_and_articles",
                    "name_search_certificate",
                    "bank_confirmation",
                    "accounting_officer_consent" -> companyName(read, filing, findings);
            default ->
                findings.add(new Finding(
                        "documentType", Finding.NOT_CHECKED, "there is no automatic check for this document type"));
        }
        if (read.meanConfidence() < minConfidence) {
            findings.add(new Finding(
                    "text",
                    Finding.LOW_CONFIDENCE,
                    "the page was read with low confidence (" + Math.round(read.meanConfidence()) + " %)"));
        }
        if (flags.contains(Inspection.Flags.JAVASCRIPT)) {
            findings.add(new Finding("file", Finding.FLAGGED, "the PDF carries JavaScript"));
        }
        if (flags.contains(Inspection.Flags.EMBEDDED_FILES)) {
            findings.add(new Finding("file", Finding.FLAGGED, "the PDF carries embedded files"));
        }
        return Verdict.of(findings);
    }

    // ---- identity documents ------------------------------------------------------------------------------------

    private void identity(
            UUID personId, List<Field> fields, OcrResult read, FilingData filing, List<Finding> findings) {
        JsonNode person = personId != null ? findPerson(filing.data(), personId) : firstPerson(filing.data());
        if (person == null) {
            findings.add(new Finding(
                    "personId",
                    Finding.MISSING,
                    personId != null
                            ? "the person is no longer in the filing's data"
                            : "the filing names no person with an ID or passport number yet"));
            return;
        }
        String idNumber = text(person, "idNumber");
        String passport = text(person, "passportNumber");
        if (idNumber != null) {
            number(Field.ID_NUMBER, "ID number", compact(idNumber), fields, read, findings);
        } else if (passport != null) {
            number(Field.PASSPORT_NUMBER, "passport number", compact(passport), fields, read, findings);
        } else {
            findings.add(
                    new Finding("idNumber", Finding.MISSING, "the filing has no ID or passport number for the person"));
        }
        name(Field.SURNAME, "surname", text(person, "surname"), fields, read, findings);
        String firstNames = text(person, "firstNames");
        if (firstNames != null) {
            name(Field.FIRST_NAMES, "first names", firstNames.strip().split("\\s+")[0], fields, read, findings);
        }
        String born = text(person, "dateOfBirth");
        if (born != null) {
            for (Field field : of(fields, Field.DATE_OF_BIRTH)) {
                if (field.checked()
                        && field.confidence() >= minConfidence
                        && !field.value().equals(born)) {
                    findings.add(new Finding(
                            "dateOfBirth",
                            Finding.MISMATCH,
                            "the date of birth on the document differs from the filing's"));
                    return;
                }
            }
        }
    }

    /** An ID or passport number: found as read, contradicted by another valid one, or not found. */
    private void number(
            String field, String label, String expected, List<Field> fields, OcrResult read, List<Finding> findings) {
        List<Field> candidates = of(fields, field);
        Field match = null;
        Field other = null;
        for (Field candidate : candidates) {
            if (compact(candidate.value()).equals(expected)) {
                if (match == null || candidate.confidence() > match.confidence()) {
                    match = candidate;
                }
            } else if (candidate.checked() && candidate.confidence() >= minConfidence) {
                other = candidate;
            }
        }
        if (match != null) {
            if (match.confidence() >= minConfidence && match.checked()) {
                findings.add(new Finding(field, Finding.MATCH, "the " + label + " matches"));
            } else {
                findings.add(new Finding(
                        field,
                        Finding.LOW_CONFIDENCE,
                        "the " + label + " was read with low confidence (" + Math.round(match.confidence()) + " %)"));
            }
            return;
        }
        if (other != null) {
            findings.add(new Finding(
                    field,
                    Finding.MISMATCH,
                    "the document shows another " + label + " (" + masked(other.value()) + ") than the filing's ("
                            + masked(expected) + ")"));
            return;
        }
        if (compact(read.text()).contains(expected)) {
            findings.add(new Finding(field, Finding.MATCH, "the " + label + " appears in the text"));
            return;
        }
        boolean near = candidates.stream().anyMatch(c -> distance(compact(c.value()), expected) <= 2);
        findings.add(new Finding(
                field,
                near ? Finding.LOW_CONFIDENCE : Finding.MISSING,
                near
                        ? "the " + label + " is only partly readable"
                        : "the " + label + " was not found on the document"));
    }

    private void name(
            String field, String label, String expected, List<Field> fields, OcrResult read, List<Finding> findings) {
        if (expected == null || expected.isBlank()) {
            return;
        }
        Set<String> words = new HashSet<>(words(read.text()));
        boolean found = true;
        for (String token : words(expected)) {
            if (!containsNear(words, token)) {
                found = false;
            }
        }
        if (found) {
            findings.add(new Finding(field, Finding.MATCH, "the " + label + " matches"));
        } else {
            findings.add(
                    new Finding(field, Finding.MISSING, "the " + label + " on the document differs or was not found"));
        }
    }

    // ---- company documents -------------------------------------------------------------------------------------

    private void enterpriseNumber(List<Field> fields, FilingData filing, List<Finding> findings) {
        Set<String> expected = new LinkedHashSet<>();
        if (filing.enterpriseNumber() != null) {
            expected.add(filing.enterpriseNumber());
        }
        collectStrings(filing.data(), value -> ENTERPRISE.matcher(value).matches(), expected);
        if (expected.isEmpty()) {
            findings.add(
                    new Finding("enterpriseNumber", Finding.NOT_CHECKED, "the filing has no enterprise number yet"));
            return;
        }
        List<Field> read = of(fields, Field.ENTERPRISE_NUMBER);
        for (Field field : read) {
            if (expected.contains(field.value())) {
                findings.add(
                        field.confidence() >= minConfidence
                                ? new Finding("enterpriseNumber", Finding.MATCH, "the enterprise number matches")
                                : new Finding(
                                        "enterpriseNumber",
                                        Finding.LOW_CONFIDENCE,
                                        "the enterprise number was read with low confidence"));
                return;
            }
        }
        for (Field field : read) {
            if (field.confidence() >= minConfidence) {
                findings.add(new Finding(
                        "enterpriseNumber",
                        Finding.MISMATCH,
                        "the document shows another enterprise number (" + field.value() + ") than the filing's"));
                return;
            }
        }
        findings.add(new Finding("enterpriseNumber", Finding.MISSING, "the enterprise number was not found"));
    }

    private void companyName(OcrResult read, FilingData filing, List<Finding> findings) {
        Set<String> names = new LinkedHashSet<>();
        if (filing.companyName() != null) {
            names.add(filing.companyName());
        }
        collectNamed(
                filing.data(),
                Set.of("registeredName", "approvedName", "proposedNames", "accountHolder", "companyName"),
                names);
        if (names.isEmpty()) {
            findings.add(new Finding("companyName", Finding.NOT_CHECKED, "the filing names no company yet"));
            return;
        }
        Set<String> words = new HashSet<>(words(read.text()));
        for (String name : names) {
            List<String> tokens = words(name).stream()
                    .filter(t -> !COMPANY_SUFFIXES.contains(t))
                    .toList();
            if (!tokens.isEmpty() && tokens.stream().allMatch(t -> containsNear(words, t))) {
                findings.add(new Finding("companyName", Finding.MATCH, "the company's name appears on the document"));
                return;
            }
        }
        findings.add(new Finding("companyName", Finding.MISSING, "the company's name was not found on the document"));
    }

    private void address(OcrResult read, FilingData filing, List<Finding> findings) {
        List<JsonNode> addresses = new ArrayList<>();
        collectAddresses(filing.data(), addresses);
        if (addresses.isEmpty()) {
            findings.add(new Finding("address", Finding.NOT_CHECKED, "the filing has no address yet"));
            return;
        }
        Set<String> words = new HashSet<>(words(read.text()));
        String text = " " + String.join(" ", words(read.text())) + " ";
        for (JsonNode address : addresses) {
            List<String> street = words(address.path("line1").asText(""));
            String postal = address.path("postalCode").asText("");
            boolean streetFound = !street.isEmpty() && street.stream().allMatch(t -> containsNear(words, t));
            boolean postalFound = postal.isEmpty() || text.contains(" " + postal + " ");
            if (streetFound && postalFound) {
                findings.add(new Finding("address", Finding.MATCH, "an address of the filing appears on the document"));
                return;
            }
        }
        findings.add(new Finding("address", Finding.MISSING, "no address of the filing was found on the document"));
    }

    // ---- data --------------------------------------------------------------------------------------------------

    static JsonNode findPerson(JsonNode node, UUID personId) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && personId.toString().equals(node.path("personId").asText(null))) {
            return node;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                JsonNode found = findPerson(child, personId);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The one person of a filing whose identity slot is not per person (the applicant of a name reservation). */
    static JsonNode firstPerson(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.has("surname") && (node.has("idNumber") || node.has("passportNumber"))) {
            return node;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                JsonNode found = firstPerson(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void collectStrings(JsonNode node, java.util.function.Predicate<String> keep, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && keep.test(node.asText())) {
            out.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, keep, out));
    }

    private static void collectNamed(JsonNode node, Set<String> keys, Set<String> out) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (keys.contains(entry.getKey())) {
                    if (entry.getValue().isTextual()) {
                        out.add(entry.getValue().asText());
                    } else if (entry.getValue().isArray()) {
                        entry.getValue().forEach(v -> {
                            if (v.isTextual()) {
                                out.add(v.asText());
                            }
                        });
                    }
                }
            });
        }
        node.forEach(child -> collectNamed(child, keys, out));
    }

    private static void collectAddresses(JsonNode node, List<JsonNode> out) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (node.isObject() && node.has("line1")) {
            out.add(node);
        }
        node.forEach(child -> collectAddresses(child, out));
    }

    // ---- text --------------------------------------------------------------------------------------------------

    private static List<Field> of(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** Upper case, letters and digits only: how numbers are compared whatever their spacing or dashes. */
    static String compact(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toUpperCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The words of {@code text}: upper case, accents removed, split on anything not a letter or digit. */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        return Arrays.stream(plain.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** Whether {@code token} is among {@code words}, allowing one OCR error in words of six letters or more. */
    private static boolean containsNear(Set<String> words, String token) {
        if (words.contains(token)) {
            return true;
        }
        if (token.length() < 6) {
            return false;
        }
        for (String word : words) {
            if (Math.abs(word.length() - token.length()) <= 1 && distance(word, token) <= 1) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A number shown by its last four characters only. */
    static String masked(String value) {
        String compact = compact(value);
        return compact.length() <= 4 ? "…" : "…" + compact.substring(compact.length() - 4);
    }

    /** What one comparison found. */
    public record Finding(String field, String outcome, String detail) {
        public static final String MATCH = "match";
        public static final String MISMATCH = "mismatch";
        public static final String MISSING = "missing";
        public static final String LOW_CONFIDENCE = "low_confidence";
        public static final String NOT_CHECKED = "not_checked";
        public static final String FLAGGED = "flagged";
    }

    /** The decision and why: the first contradiction, else what needs a person's eye. */
    public record Verdict(DocumentStatus status, String reason, List<Finding> findings) {

        static Verdict of(List<Finding> findings) {
            List<Finding> mismatches = findings.stream()
                    .filter(f -> f.outcome().equals(Finding.MISMATCH))
                    .toList();
            if (!mismatches.isEmpty()) {
                return new Verdict(DocumentStatus.REJECTED, summary(mismatches), List.copyOf(findings));
            }
            List<Finding> open = findings.stream()
                    .filter(f -> !f.outcome().equals(Finding.MATCH))
                    .toList();
            if (!open.isEmpty()) {
                return new Verdict(DocumentStatus.NEEDS_REVIEW, summary(open), List.copyOf(findings));
            }
            return new Verdict(DocumentStatus.VERIFIED, null, List.copyOf(findings));
        }

        private static String summary(List<Finding> findings) {
            StringBuilder out = new StringBuilder();
            for (Finding finding : findings) {
                if (!out.isEmpty()) {
                    out.append("; ");
                }
                out.append(finding.field()).append(": ").append(finding.detail());
            }
            return out.length() > 1000 ? out.substring(0, 999) + "…" : out.toString();
        }
    }
}
