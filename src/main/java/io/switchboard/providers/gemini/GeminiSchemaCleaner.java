package io.switchboard.providers.gemini;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a tool's JSON Schema into the OpenAPI-subset {@code Schema} that Gemini's
 * {@code functionDeclarations[].parameters} accepts (it rejects full JSON Schema with a 400): unions and
 * {@code ["T","null"]} collapse to {@code T} with {@code nullable}, unknown keywords
 * ({@code $schema}, {@code additionalProperties}, {@code default}, {@code title}, …) are dropped
 * recursively. What else Gemini is known to reject with a 400 is also fixed: local
 * {@code $ref}s are inlined, every node gets a type (upper-case, as the published {@code Type} enum),
 * {@code required} names only declared properties, enums are string enums, {@code format} is kept
 * only where Gemini supports it, and an object without properties has no {@code properties} key.
 */
final class GeminiSchemaCleaner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How deep $refs are followed; a recursive model stops here as a plain object. */
    private static final int MAX_REF_DEPTH = 8;
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "STRING", Set.of("enum", "date-time"),
            "NUMBER", Set.of("float", "double"),
            "INTEGER", Set.of("int32", "int64"));

    private final ObjectNode root;

    private GeminiSchemaCleaner(ObjectNode root) {
        this.root = root;
    }

    /** The cleaned schema, or null when the tool takes no parameters (Gemini rejects an empty OBJECT). */
    static ObjectNode toGemini(ObjectNode parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return null;
        }
        ObjectNode cleaned = new GeminiSchemaCleaner(parameters).clean(parameters, 0);
        if ("OBJECT".equals(cleaned.path("type").asText()) && !cleaned.has("properties")) {
            return null;
        }
        return cleaned;
    }

    private ObjectNode clean(JsonNode node, int refDepth) {
        if (!(node instanceof ObjectNode schema)) {
            return NODES.objectNode().put("type", "STRING");
        }
        if (schema.path("$ref").isTextual()) {
            JsonNode target = refDepth < MAX_REF_DEPTH ? resolve(schema.path("$ref").asText()) : null;
            ObjectNode resolved = target == null ? NODES.objectNode().put("type", "OBJECT") : clean(target, refDepth + 1);
            copyDescription(schema, resolved);
            return resolved;
        }
        JsonNode union = firstUnion(schema);
        if (union != null) {
            return collapseUnion(schema, union, refDepth);
        }
        ObjectNode out = NODES.objectNode();
        boolean nullable = schema.path("nullable").asBoolean(false);
        String type = null;
        JsonNode typeNode = schema.get("type");
        if (typeNode != null && typeNode.isArray()) {
            for (JsonNode member : typeNode) {
                if ("null".equals(member.asText())) {
                    nullable = true;
                } else if (type == null) {
                    type = member.asText();
                }
            }
        } else if (typeNode != null && typeNode.isTextual()) {
            type = typeNode.asText();
        }
        if (type == null) {
            type = schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        type = type.toUpperCase(Locale.ROOT);
        if (type.equals("NULL")) {
            type = "STRING";
            nullable = true;
        }
        ArrayNode values = enumValues(schema);
        if (values != null) {
            // Gemini takes enums of strings only: a numeric enum is offered as its string forms
            type = "STRING";
            if (values.size() < enumSize(schema)) {
                nullable = true;
            }
        }
        out.put("type", type);
        copyDescription(schema, out);
        if (values != null) {
            out.set("enum", values);
        } else if (schema.path("format").isTextual()
                && FORMATS.getOrDefault(type, Set.of()).contains(schema.path("format").asText())) {
            out.put("format", schema.path("format").asText());
        }
        if (nullable) {
            out.put("nullable", true);
        }
        for (String bound : new String[] { "minimum", "maximum" }) {
            if (schema.path(bound).isNumber()) {
                out.set(bound, schema.get(bound));
            }
        }
        for (String bound : new String[] { "minItems", "maxItems" }) {
            if (schema.path(bound).canConvertToLong()) {
                // int64 in the published Schema: proto3 JSON writes it as a string
                out.put(bound, Long.toString(schema.path(bound).asLong()));
            }
        }
        if (type.equals("OBJECT")) {
            cleanProperties(schema, out, refDepth);
        } else if (type.equals("ARRAY")) {
            // Gemini rejects an ARRAY without items
            out.set("items", schema.path("items").isObject() ? clean(schema.get("items"), refDepth)
                    : NODES.objectNode().put("type", "STRING"));
        }
        return out;
    }

    private void cleanProperties(ObjectNode schema, ObjectNode out, int refDepth) {
        ObjectNode properties = NODES.objectNode();
        if (schema.path("properties").isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isObject()) {
                    properties.set(field.getKey(), clean(field.getValue(), refDepth));
                }
            }
        }
        if (properties.isEmpty()) {
            return;
        }
        out.set("properties", properties);
        ArrayNode required = NODES.arrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode name : schema.path("required")) {
            if (name.isTextual() && properties.has(name.asText()) && seen.add(name.asText())) {
                required.add(name.asText());
            }
        }
        if (!required.isEmpty()) {
            out.set("required", required);
        }
    }

    private static JsonNode firstUnion(ObjectNode schema) {
        for (String key : new String[] { "anyOf", "oneOf", "allOf" }) {
            if (schema.path(key).isArray()) {
                return schema.get(key);
            }
        }
        return null;
    }

    /** Keeps the first non-null branch; a null branch makes it nullable; a pure-null union is a nullable string. */
    private ObjectNode collapseUnion(ObjectNode parent, JsonNode branches, int refDepth) {
        JsonNode chosen = null;
        boolean nullable = false;
        for (JsonNode branch : branches) {
            if ("null".equals(branch.path("type").asText())) {
                nullable = true;
            } else if (chosen == null) {
                chosen = branch;
            }
        }
        ObjectNode out = chosen == null ? NODES.objectNode().put("type", "STRING") : clean(chosen, refDepth);
        if (nullable || parent.path("nullable").asBoolean(false)) {
            out.put("nullable", true);
        }
        copyDescription(parent, out);
        return out;
    }

    private static void copyDescription(JsonNode from, ObjectNode to) {
        if (!to.has("description") && from.path("description").isTextual()) {
            to.put("description", from.path("description").asText());
        }
    }

    /** Enum (or const) values as strings, nulls left out; null when the schema has neither. */
    private static ArrayNode enumValues(ObjectNode schema) {
        JsonNode values = schema.path("enum").isArray() ? schema.get("enum")
                : schema.has("const") ? NODES.arrayNode().add(schema.get("const")) : null;
        if (values == null) {
            return null;
        }
        ArrayNode strings = NODES.arrayNode();
        for (JsonNode value : values) {
            if (!value.isNull()) {
                strings.add(value.isTextual() ? value.asText() : value.toString());
            }
        }
        return strings;
    }

    private static int enumSize(ObjectNode schema) {
        return schema.path("enum").isArray() ? schema.get("enum").size() : 1;
    }

    /** A local reference ({@code #/$defs/X}, {@code #/definitions/X}, any JSON pointer into the root). */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }
}
