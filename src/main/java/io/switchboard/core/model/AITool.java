package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call; {@code parameters} is a JSON Schema object. {@code cacheControl} places a
 * prompt-cache breakpoint after the tool definitions up to this one (null: none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AITool(String name, String description, ObjectNode parameters,
        @JsonInclude(JsonInclude.Include.NON_NULL) CacheControl cacheControl) {

    public AITool {
        parameters = parameters == null ? emptySchema() : parameters;
    }

    /** A tool without a cache breakpoint. */
    public AITool(String name, String description, ObjectNode parameters) {
        this(name, description, parameters, null);
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
