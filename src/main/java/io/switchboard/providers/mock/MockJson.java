package io.switchboard.providers.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ResponseFormat;

/**
 * The mock's answer to a JSON response format, so that structured output can be tried without a backend: the
 * script's content when it is a JSON object already (a script can rehearse a valid or an invalid answer), else
 * a small object built from the schema, its required properties filled with the first value each allows.
 */
final class MockJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How deep a schema is followed; deeper (or recursive) required properties are left empty. */
    private static final int MAX_DEPTH = 8;

    private MockJson() {
    }

    /** {@code content} as the answer to {@code format}: unchanged for plain text. */
    static String answer(String content, ResponseFormat format, ObjectMapper json) {
        if (format == null || ResponseFormat.TEXT.equals(format.type())) {
            return content;
        }
        try {
            if (json.readTree(content) instanceof ObjectNode) {
                return content;
            }
        } catch (JsonProcessingException e) {
            // not JSON: answer from the schema
        }
        JsonNode schema = format.jsonSchema() == null ? null : format.jsonSchema().schema();
        return schema == null ? "{}" : sample(schema, schema, 0).toString();
    }

    private static JsonNode sample(JsonNode schema, JsonNode root, int depth) {
        if (depth > MAX_DEPTH || !schema.isObject()) {
            return NODES.nullNode();
        }
        if (schema.path("$ref").isTextual() && schema.get("$ref").textValue().startsWith("#")) {
            return sample(root.at(schema.get("$ref").textValue().substring(1)), root, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String union : new String[] { "anyOf", "oneOf" }) {
            if (schema.path(union).isArray() && !schema.get(union).isEmpty()) {
                return sample(schema.get(union).get(0), root, depth + 1);
            }
        }
        JsonNode type = schema.get("type");
        String kind = type == null ? (schema.has("properties") ? "object" : "string")
                : type.isArray() ? type.path(0).asText("null") : type.asText();
        return switch (kind) {
            case "object" -> object(schema, root, depth);
            case "array" -> NODES.arrayNode();
            case "integer", "number" -> NODES.numberNode(0);
            case "boolean" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode("");
        };
    }

    private static ObjectNode object(JsonNode schema, JsonNode root, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            JsonNode property = properties.path(name.asText());
            object.set(name.asText(), property.isObject() ? sample(property, root, depth + 1) : NODES.nullNode());
        }
        return object;
    }
}
