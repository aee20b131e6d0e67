package io.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;

/**
 * Keeps a backend's opaque reasoning state away from backends of another type, which would reject it: the one
 * place that decides, per attempt, as a route's targets and fallbacks may be of different types. Only state whose
 * origin the gateway vouches for carries one ({@link ThinkingPart#origin()}, {@link ToolCallPart#origin()}); a
 * foreign signature is dropped and its thinking text kept, for the provider to send as it sends unsigned thinking
 * (as plain context, or not at all where the API refuses unsigned thinking); a redacted block, which has no text,
 * is dropped whole; a foreign call keeps its id, name and arguments.
 */
final class ReasoningOrigins {

    private static final String RAW_ARGUMENTS = "raw_arguments";

    private ReasoningOrigins() {
    }

    /** The context as a backend of {@code type} may get it: the same instance when nothing in it is foreign. */
    static AIContext forType(AIContext context, String type) {
        List<AIMessage> messages = context.messages();
        List<AIMessage> kept = null;
        for (int i = 0; i < messages.size(); i++) {
            AIMessage message = messages.get(i);
            List<Part> parts = forType(message.content(), type);
            if (parts != message.content() && kept == null) {
                kept = new ArrayList<>(messages.subList(0, i));
            }
            if (kept != null) {
                kept.add(parts == message.content() ? message : new AIMessage(message.role(), parts));
            }
        }
        return kept == null ? context : context.withMessages(kept);
    }

    private static List<Part> forType(List<Part> parts, String type) {
        if (parts == null) {
            return null;
        }
        List<Part> kept = null;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Part own = forType(part, type);
            if (own != part && kept == null) {
                kept = new ArrayList<>(parts.subList(0, i));
            }
            if (kept != null && own != null) {
                kept.add(own);
            }
        }
        return kept == null ? parts : kept;
    }

    /** The part as a backend of {@code type} may get it, or null when nothing of it may go. */
    private static Part forType(Part part, String type) {
        if (part instanceof ThinkingPart thinking && foreign(thinking.origin(), type)) {
            return ThinkingPart.redactedData(thinking.signature()) != null ? null
                    : new ThinkingPart(thinking.thinking(), null);
        }
        if (part instanceof ToolCallPart call && foreign(call.origin(), type)) {
            ObjectNode metadata = JsonNodeFactory.instance.objectNode();
            JsonNode raw = call.metadata().get(RAW_ARGUMENTS);
            if (raw != null) {
                metadata.set(RAW_ARGUMENTS, raw);
            }
            return new ToolCallPart(call.id(), call.name(), call.arguments(), metadata);
        }
        return part;
    }

    private static boolean foreign(String origin, String type) {
        return origin != null && !origin.equals(type);
    }
}
