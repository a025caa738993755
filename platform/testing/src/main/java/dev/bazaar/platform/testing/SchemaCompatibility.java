package dev.bazaar.platform.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import tools.jackson.databind.JsonNode;

/**
 * Whether an event's schema may replace the one last released. Topics keep every event forever and new consumers
 * read them from the start, so the new schema must still describe every event written under the old one, and give
 * a consumer every field it read: no field removed (a rename is a removal), no field newly required, no type,
 * enumeration, format, pattern or bound narrowed, no unknown field newly forbidden. Adding an optional field, or
 * widening what is allowed, is compatible. A breaking change is a new event type (say {@code OrderPlacedV2}).
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Each change that would break a consumer, naming the field; empty when the new schema is compatible. */
    public static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> breaks = new ArrayList<>();
        compare("", released, released, current, current, breaks);
        return breaks;
    }

    private static void compare(String path, JsonNode oldRoot, JsonNode oldNode, JsonNode newRoot, JsonNode newNode, List<String> breaks) {
        JsonNode before = resolve(oldRoot, oldNode);
        JsonNode after = resolve(newRoot, newNode);
        String where = path.isEmpty() ? "the event" : "field '" + path + "'";
        Set<String> oldTypes = types(before);
        Set<String> newTypes = types(after);
        if (!newTypes.isEmpty() && !oldTypes.stream().allMatch(type -> newTypes.contains(type)
                || type.equals("integer") && newTypes.contains("number"))) {
            breaks.add(where + " narrowed its type from " + (oldTypes.isEmpty() ? "any" : oldTypes) + " to " + newTypes);
        }
        if (after.has("enum")) {
            List<String> missing = new ArrayList<>();
            before.path("enum").forEach(value -> {
                if (!contains(after.get("enum"), value)) {
                    missing.add(value.toString());
                }
            });
            if (!before.has("enum")) {
                breaks.add(where + " is now limited to the values " + after.get("enum"));
            } else if (!missing.isEmpty()) {
                breaks.add(where + " no longer allows " + String.join(", ", missing));
            }
        }
        for (String keyword : List.of("pattern", "format", "const")) {
            if (after.has(keyword) && !after.get(keyword).equals(before.get(keyword))) {
                breaks.add(where + " changed its " + keyword + " from " + before.get(keyword) + " to " + after.get(keyword));
            }
        }
        tightened(where, before, after, "minLength", (old, now) -> now > old, breaks);
        tightened(where, before, after, "minimum", (old, now) -> now > old, breaks);
        tightened(where, before, after, "exclusiveMinimum", (old, now) -> now > old, breaks);
        tightened(where, before, after, "minItems", (old, now) -> now > old, breaks);
        tightened(where, before, after, "maxLength", (old, now) -> now < old, breaks);
        tightened(where, before, after, "maximum", (old, now) -> now < old, breaks);
        tightened(where, before, after, "exclusiveMaximum", (old, now) -> now < old, breaks);
        tightened(where, before, after, "maxItems", (old, now) -> now < old, breaks);

        JsonNode oldProperties = before.path("properties");
        JsonNode newProperties = after.path("properties");
        for (String name : oldProperties.propertyNames()) {
            String field = path.isEmpty() ? name : path + "." + name;
            if (!newProperties.has(name)) {
                breaks.add("field '" + field + "' removed (or renamed)");
            } else {
                compare(field, oldRoot, oldProperties.get(name), newRoot, newProperties.get(name), breaks);
            }
        }
        Set<String> oldRequired = strings(before.path("required"));
        for (String name : strings(after.path("required"))) {
            if (!oldRequired.contains(name)) {
                breaks.add("field '" + (path.isEmpty() ? name : path + "." + name) + "' is newly required");
            }
        }
        if (after.path("additionalProperties").isBoolean() && !after.get("additionalProperties").asBoolean()
                && !(before.path("additionalProperties").isBoolean() && !before.get("additionalProperties").asBoolean())) {
            breaks.add(where + " no longer allows fields it does not name");
        }
        if (before.has("items") && after.has("items")) {
            compare(path + "[]", oldRoot, before.get("items"), newRoot, after.get("items"), breaks);
        }
    }

    private static void tightened(String where, JsonNode before, JsonNode after, String keyword,
                                  BiPredicate<Double, Double> tighter, List<String> breaks) {
        if (!after.has(keyword)) {
            return;
        }
        double now = after.get(keyword).asDouble();
        if (!before.has(keyword) || tighter.test(before.get(keyword).asDouble(), now)) {
            breaks.add(where + " tightened " + keyword + " from " + (before.has(keyword) ? before.get(keyword) : "none")
                    + " to " + after.get(keyword));
        }
    }

    /** A local reference ({@code #/$defs/price}) replaced by what it points at. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode resolved = node;
        for (int depth = 0; resolved.has("$ref") && depth < 10; depth++) {
            String reference = resolved.get("$ref").asString();
            if (!reference.startsWith("#/")) {
                throw new IllegalArgumentException("Only local references are supported, not " + reference);
            }
            resolved = root.at(reference.substring(1));
        }
        return resolved;
    }

    private static Set<String> types(JsonNode schema) {
        return schema.path("type").isArray() ? strings(schema.get("type"))
                : schema.has("type") ? Set.of(schema.get("type").asString()) : Set.of();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
