package io.switchboard.providers.anthropic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.errors.GatewayException;

/**
 * A JSON response format on the Messages API: a tool named after the format, whose {@code input_schema} is the
 * format's schema, and a tool choice that forces it, so the model's answer is the tool's input. The caller never
 * sees the tool: its input is the answer's text ({@link #toAnswer}; a stream's {@code input_json_delta}s are its
 * text deltas, {@link AnthropicStreamParser}). Anthropic refuses a forced tool while thinking is on: the choice is
 * then left to the model.
 */
final class AnthropicFormatTool {

    /** The tool of a {@code json_object} format, whose input is any object. */
    static final String JSON_OBJECT = "json_object";

    private AnthropicFormatTool() {
    }

    /** The format tool's name, or null when the request asks for plain text. */
    static String name(AIContext context) {
        ResponseFormat format = context.responseFormat();
        if (format == null || ResponseFormat.TEXT.equals(format.type())) {
            return null;
        }
        return format.jsonSchema() != null ? format.jsonSchema().name() : JSON_OBJECT;
    }

    /**
     * Adds the format tool to {@code body}'s tools and forces it: alone, or when the request's choice is
     * {@code none}, the tool itself; beside the request's tools, {@code any} (the model calls one of them or
     * answers), unless the request named a tool.
     */
    static void addTo(ObjectNode body, AIContext context, boolean thinking) {
        String name = name(context);
        if (name == null) {
            return;
        }
        for (AITool tool : context.tools()) {
            if (name.equals(tool.name())) {
                throw GatewayException.invalidRequest("response_format.json_schema.name: \"" + name + "\" is also a "
                        + "tool's name; an anthropic backend answers a JSON format through a tool of the format's name");
            }
        }
        ResponseFormat.JsonSchema schema = context.responseFormat().jsonSchema();
        JsonNode inputSchema = schema != null ? schema.schema() : body.objectNode().put("type", "object");
        if (!"object".equals(inputSchema.path("type").asText())) {
            throw GatewayException.invalidRequest("response_format.json_schema.schema.type: an anthropic backend answers "
                    + "a JSON format through a tool, whose input must be an object (\"type\": \"object\")");
        }
        ArrayNode tools = body.has("tools") ? (ArrayNode) body.get("tools") : body.putArray("tools");
        ObjectNode tool = tools.addObject().put("name", name);
        if (schema != null && schema.description() != null) {
            tool.put("description", schema.description());
        }
        tool.set("input_schema", inputSchema);
        if (thinking) {
            return;
        }
        ToolChoice requested = context.toolChoice();
        boolean alone = context.tools().isEmpty() || requested != null && requested.is(ToolChoice.NONE);
        if (!alone && requested != null && requested.is(ToolChoice.TOOL)) {
            return;
        }
        JsonNode parallel = body.path("tool_choice").get("disable_parallel_tool_use");
        ObjectNode choice = body.putObject("tool_choice").put("type", alone ? "tool" : "any");
        if (alone) {
            choice.put("name", name);
        }
        if (parallel != null) {
            // the request's one-call switch still holds for the tools beside the format's
            choice.set("disable_parallel_tool_use", parallel);
        }
    }

    /** The answer with the format tool's input as its text, and the tool call gone. */
    static AIResponse toAnswer(AIResponse response, String name) {
        ToolCall answer = null;
        List<ToolCall> others = new ArrayList<>(response.toolCalls().size());
        for (ToolCall call : response.toolCalls()) {
            if (answer == null && name.equals(call.name())) {
                answer = call;
            } else {
                others.add(call);
            }
        }
        if (answer == null) {
            return response;
        }
        return new AIResponse(response.content() + answer.arguments().toString(), response.thinking(),
                response.thinkingSignature(), finish(response.finishReason(), others.isEmpty()), response.usage(),
                others, response.metadata());
    }

    /** A turn that ended in the format tool alone ended as a plain answer does. */
    static FinishReason finish(FinishReason reason, boolean noOtherCalls) {
        return reason == FinishReason.TOOL_CALLS && noOtherCalls ? FinishReason.STOP : reason;
    }
}
