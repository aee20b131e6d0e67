package io.switchboard.providers.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.upstream.SnakeCaseReply;

/**
 * A tool call, whole (non-streamed) or a fragment (streamed, keyed by {@code index}).
 * {@code function.arguments} is a JSON string on the wire; a few compatible servers send an object.
 */
@SnakeCaseReply
record ChatToolCall(Integer index, String id, Function function) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Function(String name, JsonNode arguments) {
    }
}
