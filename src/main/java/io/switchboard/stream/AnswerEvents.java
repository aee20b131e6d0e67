package io.switchboard.stream;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.ToolCall;

/**
 * The stream of a whole answer, in the order a streamed one has: its thinking (then its signature), its
 * text, each tool call, then {@code done} with the finish reason, the usage and the answer's metadata.
 */
public final class AnswerEvents {

    private AnswerEvents() {
    }

    public static List<StreamEvent> of(AIResponse answer) {
        List<StreamEvent> events = new ArrayList<>(4 + answer.toolCalls().size());
        if (answer.thinking() != null && !answer.thinking().isEmpty()) {
            events.add(new ThinkingDelta(answer.thinking()));
        }
        if (answer.thinkingSignature() != null && !answer.thinkingSignature().isEmpty()) {
            events.add(ThinkingDelta.signatureOnly(answer.thinkingSignature()));
        }
        if (!answer.content().isEmpty()) {
            events.add(new TextDelta(answer.content()));
        }
        for (ToolCall call : answer.toolCalls()) {
            events.add(ToolCallEvent.of(call));
        }
        events.add(new Done(answer.finishReason(), answer.usage(), answer.metadata()));
        return events;
    }
}
