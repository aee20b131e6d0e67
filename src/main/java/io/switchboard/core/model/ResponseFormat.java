package io.switchboard.core.model;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The shape of an answer's text: {@code text} (free text, the default), {@code json_object} (any JSON object) or
 * {@code json_schema} (JSON that follows {@code jsonSchema.schema}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(String type, JsonSchema jsonSchema) {

    public static final String TEXT = "text";
    public static final String JSON_OBJECT = "json_object";
    public static final String JSON_SCHEMA = "json_schema";

    /** A format's name: what OpenAI takes, and a valid tool name for the backends that answer through a tool. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * What is wrong with this format, as {@code <field>: <problem>}, or null: its own fields named under {@code at},
     * the schema's under {@code schemaAt} (a door that spells the format its own way names its own fields).
     */
    public String problem(String at, String schemaAt) {
        if (!TEXT.equals(type) && !JSON_OBJECT.equals(type) && !JSON_SCHEMA.equals(type)) {
            return at + ".type: " + (type == null ? "required" : "unknown \"" + type + "\"")
                    + " (one of text, json_object, json_schema)";
        }
        if (!JSON_SCHEMA.equals(type)) {
            return jsonSchema == null ? null : at + ".json_schema: only with type json_schema";
        }
        if (jsonSchema == null) {
            return at + ".json_schema: required when type is json_schema";
        }
        if (jsonSchema.name() == null || !NAME.matcher(jsonSchema.name()).matches()) {
            return schemaAt + ".name: required: 1 to 64 letters, digits, _ or -";
        }
        if (jsonSchema.schema() == null || !jsonSchema.schema().isObject()) {
            return schemaAt + ".schema: required (a JSON Schema object)";
        }
        return null;
    }

    /**
     * A named schema; with {@code strict} the backend is asked to follow it exactly where it can, and the gateway
     * checks the answer against it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, String description, JsonNode schema, Boolean strict) {
    }
}
