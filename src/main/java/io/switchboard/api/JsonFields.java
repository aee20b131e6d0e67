package io.switchboard.api;

import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;

/**
 * Typed reads of a compatible API's JSON body, each failing with a 400 that names the field path
 * ({@code messages[1].content[0].text: must be a string}). A field that is absent or JSON null reads
 * as null.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static GatewayException invalid(String path, String problem) {
        return GatewayException.invalidRequest(path + ": " + problem);
    }

    public static boolean present(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && !value.isNull();
    }

    public static String string(JsonNode parent, String field, String path) {
        JsonNode value = checked(parent, field, path, JsonNode::isTextual, "must be a string");
        return value == null ? null : value.textValue();
    }

    public static String requiredString(JsonNode parent, String field, String path) {
        String value = string(parent, field, path);
        if (value == null || value.isBlank()) {
            throw invalid(path, "required (a non-empty string)");
        }
        return value;
    }

    /** A string that must be there but may be empty (a text block's {@code text}). */
    public static String presentString(JsonNode parent, String field, String path) {
        String value = string(parent, field, path);
        if (value == null) {
            throw invalid(path, "required");
        }
        return value;
    }

    public static Integer integer(JsonNode parent, String field, String path) {
        JsonNode value = checked(parent, field, path, v -> v.isIntegralNumber() && v.canConvertToInt(),
                "must be an integer");
        return value == null ? null : value.intValue();
    }

    public static Double number(JsonNode parent, String field, String path) {
        JsonNode value = checked(parent, field, path, JsonNode::isNumber, "must be a number");
        return value == null ? null : value.doubleValue();
    }

    public static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode value = checked(parent, field, path, JsonNode::isBoolean, "must be a boolean");
        return value == null ? null : value.booleanValue();
    }

    public static ArrayNode array(JsonNode parent, String field, String path) {
        return (ArrayNode) checked(parent, field, path, JsonNode::isArray, "must be a list");
    }

    public static ObjectNode object(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return object(value, path);
    }

    /** The field's value when present and of the right kind, null when absent or JSON null. */
    private static JsonNode checked(JsonNode parent, String field, String path, Predicate<JsonNode> kind,
            String problem) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!kind.test(value)) {
            throw invalid(path, problem);
        }
        return value;
    }

    public static ObjectNode object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return (ObjectNode) value;
    }
}
