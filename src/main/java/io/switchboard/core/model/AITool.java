package io.switchboard.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool the model may call; {@code parameters} is a JSON Schema object. */
public record AITool(String name, String description, ObjectNode parameters) {

    public AITool {
        parameters = parameters == null ? emptySchema() : parameters;
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
