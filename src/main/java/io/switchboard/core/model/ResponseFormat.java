package io.switchboard.core.model;

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

    /**
     * A named schema; with {@code strict} the backend is asked to follow it exactly where it can, and the gateway
     * checks the answer against it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, String description, JsonNode schema, Boolean strict) {
    }
}
