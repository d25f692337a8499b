package io.comply360.registration.wizard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wizard definitions the service offers, read from {@code wizards/index.json} on the classpath (a native image
 * cannot list a classpath folder, so the index names every file), and the filing types that are retired.
 */
public final class Definitions {

    public static final String INDEX = "wizards/index.json";
    private static final String FOLDER = "wizards/";

    private final List<Definition> all;
    private final List<RetiredType> retired;

    public Definitions(List<Definition> all, List<RetiredType> retired) {
        Map<String, Definition> byKey = new HashMap<>();
        for (Definition definition : all) {
            if (byKey.put(definition.key(), definition) != null) {
                throw new IllegalArgumentException("Two definitions are " + definition.key());
            }
        }
        this.all = List.copyOf(all);
        this.retired = List.copyOf(retired);
    }

    /** Every definition the index lists; fails naming the first file that is missing or broken. */
    public static Definitions fromClasspath() {
        JsonNode index = ClasspathJson.read(INDEX);
        List<Definition> definitions = new ArrayList<>();
        for (String file : indexedFiles(index)) {
            Definition definition;
            try {
                definition = Definition.parse(ClasspathJson.read(FOLDER + file));
            } catch (RuntimeException e) {
                throw new IllegalStateException(INDEX + " lists " + file + ": " + e.getMessage(), e);
            }
            String expected = definition.country() + "/" + definition.type() + ".v" + definition.version() + ".json";
            if (!expected.equals(file)) {
                throw new IllegalStateException(INDEX + " lists " + file + ", but its content is " + expected);
            }
            definitions.add(definition);
        }
        return new Definitions(definitions, retiredTypes(index));
    }

    /** The files {@code index.json} lists, relative to {@code wizards/}. */
    public static List<String> indexedFiles(JsonNode index) {
        JsonNode files = index.path("definitions");
        if (!files.isArray()) {
            throw new IllegalStateException(INDEX + ": \"definitions\" must be an array of file names");
        }
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.asText()));
        return names;
    }

    public List<Definition> all() {
        return all;
    }

    /** The newest version of a filing type. */
    public Optional<Definition> latest(String country, String type) {
        return all.stream()
                .filter(d -> d.country().equals(country) && d.type().equals(type))
                .max(Comparator.comparingInt(Definition::version));
    }

    /** One version (drafts keep the version they were started with). */
    public Optional<Definition> find(String country, String type, int version) {
        return all.stream()
                .filter(d -> d.country().equals(country) && d.type().equals(type) && d.version() == version)
                .findFirst();
    }

    public List<RetiredType> retired() {
        return retired;
    }

    public Optional<RetiredType> retired(String country, String type) {
        return retired.stream()
                .filter(r -> r.country().equals(country) && r.type().equals(type))
                .findFirst();
    }

    /** The retired types {@code index.json} lists. */
    static List<RetiredType> retiredTypes(JsonNode index) {
        List<RetiredType> types = new ArrayList<>();
        for (JsonNode node : index.path("retired")) {
            Map<String, String> message = new LinkedHashMap<>();
            node.path("message")
                    .fields()
                    .forEachRemaining(e -> message.put(e.getKey(), e.getValue().asText()));
            if (!node.path("country").isTextual() || !node.path("type").isTextual() || !message.containsKey("en")) {
                throw new IllegalStateException(INDEX + ": a retired type needs country, type and an \"en\" message");
            }
            try {
                types.add(new RetiredType(
                        node.get("country").asText(),
                        node.get("type").asText(),
                        LocalDate.parse(node.path("since").asText()),
                        message));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(
                        INDEX + ": retired " + node.get("type").asText() + ": \"since\" must be a date", e);
            }
        }
        return types;
    }
}
