package io.switchboard.providers.gemini;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;

/**
 * A response format's JSON Schema as Gemini's {@code responseJsonSchema} takes it. Gemini accepts a subset of JSON
 * Schema: local {@code $ref}s are inlined (a recursive one cannot be), keywords that only describe (
 * {@code $schema}, {@code default}, {@code examples}, …) or only narrow a value Gemini still produces in the
 * schema's shape ({@code pattern}, {@code minLength}, {@code multipleOf}, …) are removed and reported, so that
 * the caller can be told; a keyword whose removal would change the shape of the answer ({@code not},
 * {@code allOf}, {@code if}, {@code patternProperties}, …) is refused with a 400 naming it. The gateway's own
 * {@code strict} check still holds the answer to the whole original schema.
 */
final class GeminiResponseSchema {

    /** The field a 400 names. */
    static final String FIELD = "response_format.json_schema.schema";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kept as they are, their sub-schemas converted ({@code properties}, {@code items}, …). */
    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "enum", "minItems",
            "maxItems", "minimum", "maximum", "required", "propertyOrdering");
    /** Removed and reported: they describe the value or narrow its range, never its shape. */
    private static final Set<String> DROPPED = Set.of("$schema", "$id", "$anchor", "$comment", "default",
            "examples", "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "pattern",
            "minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems",
            "minProperties", "maxProperties", "minContains", "maxContains");
    /** Container keywords, converted where they stand. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$ref", "$defs", "definitions", "properties",
            "items", "prefixItems", "additionalProperties", "anyOf", "oneOf", "const");

    /** The converted schema, and the keywords removed from it (sorted, empty when none was). */
    record Converted(ObjectNode schema, Set<String> dropped) {
    }

    private final ObjectNode root;
    private final Set<String> dropped = new TreeSet<>();
    private final Deque<String> refs = new ArrayDeque<>();

    private GeminiResponseSchema(ObjectNode root) {
        this.root = root;
    }

    /** Converts {@code schema}; a 400 naming the keyword when Gemini cannot express it. */
    static Converted convert(ObjectNode schema) {
        GeminiResponseSchema converter = new GeminiResponseSchema(schema);
        // the root is being converted: a reference to it is recursive
        converter.refs.push("#");
        ObjectNode converted = converter.convert(schema, "");
        return new Converted(converted, converter.dropped);
    }

    private ObjectNode convert(JsonNode node, String at) {
        if (!(node instanceof ObjectNode schema)) {
            if (node != null && node.isBoolean()) {
                throw refused(at, "a boolean schema");
            }
            throw refused(at, "not a schema object");
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            return inline(schema, ref, at);
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (KEPT.contains(keyword)) {
                out.set(keyword, keyword.equals("enum") ? enumValues(value, at) : value);
            } else if (DROPPED.contains(keyword)) {
                dropped.add(keyword);
            } else if (SCHEMA_KEYWORDS.contains(keyword)) {
                convertKeyword(keyword, value, at, out);
            } else {
                throw refused(join(at, keyword), "Gemini cannot express \"" + keyword + "\"");
            }
        }
        return hasNull(schema.get("enum")) ? orNull(out) : out;
    }

    private static boolean hasNull(JsonNode values) {
        if (values != null && values.isArray()) {
            for (JsonNode value : values) {
                if (value.isNull()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A nullable enum: its values (of its non-null types), or null. */
    private static ObjectNode orNull(ObjectNode schema) {
        ObjectNode values = schema.deepCopy();
        JsonNode types = values.get("type");
        if (types != null && types.isArray()) {
            ArrayNode nonNull = NODES.arrayNode();
            types.forEach(type -> {
                if (!"null".equals(type.asText())) {
                    nonNull.add(type);
                }
            });
            values.set("type", nonNull.size() == 1 ? nonNull.get(0) : nonNull);
        }
        ObjectNode out = NODES.objectNode();
        if (values.has("description")) {
            out.set("description", values.remove("description"));
        }
        out.putArray("anyOf").add(values).add(NODES.objectNode().put("type", "null"));
        return out;
    }

    private void convertKeyword(String keyword, JsonNode value, String at, ObjectNode out) {
        String here = join(at, keyword);
        switch (keyword) {
            // inlined where they are referenced
            case "$defs", "definitions" -> {
            }
            case "properties" -> {
                ObjectNode properties = out.putObject("properties");
                Iterator<Map.Entry<String, JsonNode>> each = value.fields();
                while (each.hasNext()) {
                    Map.Entry<String, JsonNode> property = each.next();
                    properties.set(property.getKey(), convert(property.getValue(), here + "." + property.getKey()));
                }
            }
            case "items" -> out.set("items", convert(value, here));
            case "additionalProperties" -> out.set("additionalProperties",
                    value.isBoolean() ? value : convert(value, here));
            case "prefixItems", "anyOf", "oneOf" -> {
                if (!value.isArray()) {
                    throw refused(here, "must be a list of schemas");
                }
                ArrayNode list = out.putArray(keyword);
                for (int i = 0; i < value.size(); i++) {
                    list.add(convert(value.get(i), here + "[" + i + "]"));
                }
            }
            // Gemini has no const; a one-value enum says the same
            case "const" -> out.set("enum", enumValues(NODES.arrayNode().add(value), here));
            default -> throw refused(here, "Gemini cannot express \"" + keyword + "\"");
        }
    }

    /**
     * Gemini's enums hold strings and numbers. A {@code null} among them (a nullable enum) is left out here and
     * becomes an {@code anyOf} branch of its own ({@link #orNull}); any other value is refused.
     */
    private JsonNode enumValues(JsonNode values, String at) {
        String here = join(at, "enum");
        if (!values.isArray()) {
            throw refused(here, "must be a list");
        }
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode value : values) {
            if (value.isTextual() || value.isNumber()) {
                kept.add(value);
            } else if (!value.isNull()) {
                throw refused(here, "Gemini takes enums of strings and numbers only");
            }
        }
        if (kept.size() < values.size() && kept.isEmpty()) {
            throw refused(here, "an enum of null alone");
        }
        return kept;
    }

    /** A local reference, inlined; its siblings (a description) kept over the target's. */
    private ObjectNode inline(ObjectNode schema, JsonNode ref, String at) {
        String here = join(at, "$ref");
        if (!ref.isTextual() || !ref.textValue().startsWith("#")) {
            throw refused(here, "only local references (#/$defs/…) can be inlined");
        }
        String pointer = ref.textValue();
        if (refs.contains(pointer)) {
            throw refused(here, "recursive reference \"" + pointer + "\" cannot be inlined");
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw refused(here, "\"" + pointer + "\" names nothing in the schema");
        }
        refs.push(pointer);
        ObjectNode inlined = convert(target, at);
        refs.pop();
        ObjectNode siblings = schema.deepCopy();
        siblings.remove("$ref");
        if (!siblings.isEmpty()) {
            inlined.setAll(convert(siblings, at));
        }
        return inlined;
    }

    private static String join(String at, String keyword) {
        return at.isEmpty() ? keyword : at + "." + keyword;
    }

    private static GatewayException refused(String at, String problem) {
        return GatewayException.invalidRequest(FIELD + (at.isEmpty() ? "" : "." + at) + ": " + problem);
    }
}
