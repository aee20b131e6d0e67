package io.switchboard.api.gemini;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A function's {@code parameters} in Gemini's schema dialect (an OpenAPI subset whose types are upper case,
 * {@code "OBJECT"}, as Google's SDKs write them) as the JSON Schema every backend reads: types in lower case, the
 * rest as it is. Only schema positions are walked ({@code properties}' values, {@code items}, {@code anyOf}), so a
 * property named {@code type} stays a property.
 */
final class GeminiSchemas {

    private GeminiSchemas() {
    }

    static ObjectNode toJsonSchema(ObjectNode schema) {
        return toJsonSchema(schema, false);
    }

    /**
     * @param nullable whether OpenAPI's {@code nullable: true} becomes a JSON Schema type list with {@code "null"}
     *        (a response schema, which the gateway checks as JSON Schema)
     */
    static ObjectNode toJsonSchema(ObjectNode schema, boolean nullable) {
        ObjectNode copy = schema.deepCopy();
        lowerTypes(copy, nullable);
        return copy;
    }

    private static void lowerTypes(JsonNode node, boolean nullable) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            TextNode lower = TextNode.valueOf(type.textValue().toLowerCase(Locale.ROOT));
            if (nullable && schema.path("nullable").asBoolean(false)) {
                schema.remove("nullable");
                schema.putArray("type").add(lower).add("null");
            } else {
                schema.set("type", lower);
            }
        } else if (type instanceof ArrayNode types) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).isTextual()) {
                    types.set(i, TextNode.valueOf(types.get(i).textValue().toLowerCase(Locale.ROOT)));
                }
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
            while (fields.hasNext()) {
                lowerTypes(fields.next().getValue(), nullable);
            }
        }
        lowerTypes(schema.get("items"), nullable);
        lowerTypes(schema.get("additionalProperties"), nullable);
        for (String list : new String[] { "anyOf", "oneOf", "allOf", "prefixItems" }) {
            JsonNode schemas = schema.get(list);
            if (schemas != null && schemas.isArray()) {
                schemas.forEach(each -> lowerTypes(each, nullable));
            }
        }
    }
}
