package io.switchboard.core.model;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** One message of the conversation; {@code content} is normalised to a list of parts. */
public record AIMessage(String role, @JsonDeserialize(using = PartListDeserializer.class) List<Part> content) {

    public AIMessage {
        content = content == null ? null : List.copyOf(content);
    }

    public AIMessage(Role role, List<Part> content) {
        this(role.wireName(), content);
    }

    /** The role; the validator guarantees it is known before a provider sees the message. */
    public Role roleValue() {
        return Role.fromWire(role);
    }

    /** The text parts joined, for backends and checks that need the plain text. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Part part : content) {
            if (part instanceof TextPart t && t.text() != null) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
