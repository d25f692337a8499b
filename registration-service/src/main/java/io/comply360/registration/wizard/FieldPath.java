package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Field paths as rules and results write them: {@code directors[0].idNumber}; in rule parameters {@code []} stands
 * for every item of an array ({@code shareholders[].percentage}).
 */
public final class FieldPath {

    /** A node found at a concrete path (missing nodes are {@link MissingNode}). */
    public record Located(String path, JsonNode node) {}

    private FieldPath() {}

    /** Every node {@code path} addresses under {@code root}, with its concrete path. */
    public static List<Located> resolve(JsonNode root, String path) {
        List<Located> current = List.of(new Located("", root));
        for (String segment : path.split("\\.")) {
            boolean everyItem = segment.endsWith("[]");
            String name = everyItem ? segment.substring(0, segment.length() - 2) : segment;
            List<Located> next = new ArrayList<>();
            for (Located located : current) {
                String at = child(located.path(), name);
                JsonNode node = located.node().path(name);
                if (!everyItem) {
                    next.add(new Located(at, node));
                } else if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        next.add(new Located(item(at, i), node.get(i)));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The one node a path without {@code []} addresses (possibly missing). */
    public static JsonNode at(JsonNode root, String path) {
        List<Located> found = resolve(root, path);
        return found.isEmpty() ? MissingNode.getInstance() : found.get(0).node();
    }

    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String item(String array, int index) {
        return array + "[" + index + "]";
    }
}
