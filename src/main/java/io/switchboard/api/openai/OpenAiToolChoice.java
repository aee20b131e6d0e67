package io.switchboard.api.openai;

import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.object;
import static io.switchboard.api.JsonFields.requiredString;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ToolChoice;

/**
 * {@code tool_choice} as both OpenAI APIs take it: {@code none}, {@code auto}, {@code required}, or an object of
 * {@code "type": "function"} naming the function, in each API's own shape (Chat Completions nests the name in
 * {@code function}, the Responses API does not).
 */
public final class OpenAiToolChoice {

    private OpenAiToolChoice() {
    }

    /**
     * The tool choice, or null when unset. {@code namedShape} shows the API's named form in the refusal of an
     * unknown mode; {@code name} reads the function's name from the named form (already checked to be a function).
     */
    public static ToolChoice read(JsonNode choice, String namedShape, Function<ObjectNode, String> name) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            String mode = choice.textValue();
            if (!mode.equals(ToolChoice.AUTO) && !mode.equals(ToolChoice.NONE) && !mode.equals(ToolChoice.REQUIRED)) {
                throw invalid("tool_choice", "unknown \"" + mode + "\" (none, auto, required, or " + namedShape + ")");
            }
            return ToolChoice.of(mode);
        }
        ObjectNode named = object(choice, "tool_choice");
        String type = requiredString(named, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw invalid("tool_choice.type", "only \"function\" is supported, got \"" + type + "\"");
        }
        return ToolChoice.tool(name.apply(named));
    }
}
