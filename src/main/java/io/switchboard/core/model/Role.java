package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who said a message. The wire value is the lowercase name. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role for a wire value, or null when there is none (the validator names the field). */
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
