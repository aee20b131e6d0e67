package io.switchboard.core.model;

import java.util.Set;

/**
 * Whether and which tool the model must call: {@code auto} (the model decides, the default),
 * {@code none} (no tool call), {@code required} (at least one call, of any tool) or {@code tool}
 * (a call of the tool {@code name}). Each backend maps it to its own field, or refuses what it
 * cannot express with a 400 naming {@code tool_choice}.
 */
public record ToolChoice(String type, String name) {

    public static final String AUTO = "auto";
    public static final String NONE = "none";
    public static final String REQUIRED = "required";
    public static final String TOOL = "tool";
    public static final Set<String> TYPES = Set.of(AUTO, NONE, REQUIRED, TOOL);

    public static ToolChoice of(String type) {
        return new ToolChoice(type, null);
    }

    public static ToolChoice tool(String name) {
        return new ToolChoice(TOOL, name);
    }

    public boolean is(String value) {
        return value.equals(type);
    }
}
