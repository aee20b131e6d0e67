package io.switchboard.api;

import static io.switchboard.api.JsonFields.bool;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.object;
import static io.switchboard.api.JsonFields.requiredString;
import static io.switchboard.api.JsonFields.string;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ResponseFormat;

/**
 * Reads the compatible doors' spellings of a response format, each failure naming the door's own field: Chat
 * Completions' {@code response_format} (the native shape) and the flattened {@code json_schema} object of the
 * Responses API's {@code text.format}.
 */
public final class ResponseFormats {

    /** The name given to a schema whose door has no name for it (Anthropic's {@code output_format}, Gemini). */
    public static final String UNNAMED = "response";

    private ResponseFormats() {
    }

    /** Chat Completions' {@code response_format}: {@code {"type", "json_schema": {name, description, schema, strict}}}. */
    public static ResponseFormat chat(ObjectNode format, String at) {
        String type = requiredString(format, "type", at + ".type");
        ObjectNode schema = object(format, "json_schema", at + ".json_schema");
        if (ResponseFormat.JSON_SCHEMA.equals(type) && schema == null) {
            throw invalid(at + ".json_schema", "required when type is json_schema");
        }
        ResponseFormat read = new ResponseFormat(type, schema == null ? null : jsonSchema(schema, at + ".json_schema"));
        ContextValidator.validateResponseFormat(read, at);
        return read;
    }

    /**
     * A named schema read from {@code holder}'s {@code name}, {@code description}, {@code schema} and
     * {@code strict}, named under {@code at}.
     */
    public static ResponseFormat.JsonSchema jsonSchema(ObjectNode holder, String at) {
        return new ResponseFormat.JsonSchema(string(holder, "name", at + ".name"),
                string(holder, "description", at + ".description"), object(holder, "schema", at + ".schema"),
                bool(holder, "strict", at + ".strict"));
    }
}
