package io.switchboard.gateway.spi;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.errors.GatewayException;

/**
 * The tool choice and parallel-call switch to send a backend, checked against the tools the request
 * ends up with (a route may add some): without tools, {@code auto} and {@code none} mean nothing and
 * are not sent, while {@code required} or a named tool cannot be honoured; a named tool must be one
 * of the tools.
 *
 * @param choice the choice to send, or null for the backend's default
 * @param parallelToolCalls false to allow at most one call, or null for the backend's default
 */
public record ToolUse(ToolChoice choice, Boolean parallelToolCalls) {

    public static final ToolUse DEFAULT = new ToolUse(null, null);

    /** A 400 naming {@code tool_choice} when the choice cannot be honoured with the request's tools. */
    public static void check(AIContext context) {
        of(context);
    }

    public static ToolUse of(AIContext context) {
        ToolChoice choice = context.toolChoice();
        if (context.tools().isEmpty()) {
            if (choice != null && (choice.is(ToolChoice.REQUIRED) || choice.is(ToolChoice.TOOL))) {
                throw GatewayException.invalidRequest("tool_choice: \"" + choice.type()
                        + "\" needs tools, and the request has none");
            }
            return DEFAULT;
        }
        if (choice != null && choice.is(ToolChoice.TOOL)
                && context.tools().stream().map(AITool::name).noneMatch(choice.name()::equals)) {
            throw GatewayException.invalidRequest("tool_choice.name: no tool named \"" + choice.name()
                    + "\" among the tools");
        }
        return new ToolUse(choice, context.parallelToolCalls());
    }

    /** Whether the request asks for at most one tool call. */
    public boolean singleCall() {
        return Boolean.FALSE.equals(parallelToolCalls);
    }

    /** Whether the request asks for something other than the backend's default choice. */
    public boolean forcesChoice() {
        return choice != null && !choice.is(ToolChoice.AUTO);
    }
}
