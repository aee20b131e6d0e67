package io.switchboard.api;

import java.util.ArrayList;
import java.util.List;
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

    /** A list of non-empty strings of at most {@code max} entries (stop sequences); each failure names the entry. */
    public static List<String> nonEmptyStrings(ArrayNode list, String path, int max) {
        if (list.size() > max) {
            throw invalid(path, "at most " + max + " entries, got " + list.size());
        }
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode value = list.get(i);
            if (!value.isTextual() || value.textValue().isEmpty()) {
                throw invalid(path + "[" + i + "]", "must be a non-empty string");
            }
            strings.add(value.textValue());
        }
        return strings;
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

    /** What is done with one object of a list whose objects are told apart by a required string field. */
    @FunctionalInterface
    public interface TaggedObjectReader {
        void read(ObjectNode object, String tag, String path);
    }

    /**
     * Reads a list of objects told apart by a required string field ({@code type}, {@code role}), giving each
     * its own path ({@code messages[2]}), so that every failure names the element it is about.
     */
    public static void forEachTagged(JsonNode list, String path, String tagField, TaggedObjectReader reader) {
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            ObjectNode object = object(list.get(i), at);
            reader.read(object, requiredString(object, tagField, at + "." + tagField), at);
        }
    }

    /** What one object of a list becomes; {@code path} names the element ({@code tools[3]}). */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(ObjectNode object, String path);
    }

    /**
     * The objects of an optional list field, each read with its own path so that every failure names the
     * element it is about; an absent field is an empty list.
     */
    public static <T> List<T> readObjects(JsonNode parent, String field, ElementReader<T> reader) {
        ArrayNode list = array(parent, field, field);
        if (list == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            result.add(reader.read(object(list.get(i), at), at));
        }
        return result;
    }

    public static ObjectNode object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return (ObjectNode) value;
    }
}
