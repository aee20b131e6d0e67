package io.switchboard.providers.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A tool call, whole (non-streamed) or a fragment (streamed, keyed by {@code index}).
 * {@code function.arguments} is a JSON string on the wire; a few compatible servers send an object.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatToolCall(Integer index, String id, Function function) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Function(String name, JsonNode arguments) {
    }
}
