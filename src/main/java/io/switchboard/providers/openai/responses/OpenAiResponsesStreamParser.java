package io.switchboard.providers.openai.responses;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ToolCallAssembler;

/**
 * Parses one streamed Responses API answer into stream events, as the events arrive: output text and refusal deltas
 * as text; reasoning summary deltas (and reasoning text deltas) as thinking, a blank line before each summary part
 * after the first, as the whole answer joins them; a reasoning item's {@code output_item.done} as a signature-only
 * thinking delta holding its state ({@link ReasoningState}: the {@code encrypted_content} is complete only there);
 * function-call argument deltas assembled by {@code output_index}, the call emitted complete at its
 * {@code output_item.done}. {@code response.completed} and {@code response.incomplete} end the stream with the
 * usage and finish reason of their response; {@code response.failed} and {@code error} fail it.
 * <p>
 * State: the SSE decoder and the tool-call assembler carry partial input across chunks; {@code refused} and
 * {@code model} collect what {@code done} reports. One instance per request; not thread-safe.
 */
final class OpenAiResponsesStreamParser extends ChunkParser<SseFrame> {

    private final ObjectReader events;
    private final boolean perRequestKey;
    private final ToolCallAssembler calls;
    /** The output indexes whose arguments came as deltas: their done item's whole arguments are not added again. */
    private final BitSet argumentsStreamed = new BitSet();
    private boolean refused;
    private String model;

    /** @param events the provider's reader of {@link Response.StreamEvent}, made once */
    OpenAiResponsesStreamParser(String provider, ObjectMapper json, ObjectReader events, boolean perRequestKey) {
        super(provider, sse());
        this.events = events;
        this.perRequestKey = perRequestKey;
        this.calls = new ToolCallAssembler(json);
    }

    @Override
    protected void onFrame(SseFrame frame, List<StreamEvent> out) {
        if (frame.data().isBlank() || "[DONE]".equals(frame.data().strip())) {
            return;
        }
        Response.StreamEvent event;
        try {
            event = events.readValue(frame.data());
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "a stream event that is not a Responses API event");
        }
        String type = event.type() != null ? event.type() : frame.event();
        if (type == null) {
            return;
        }
        switch (type) {
            case "response.created", "response.in_progress" -> {
                if (event.response() != null && model == null) {
                    model = event.response().model();
                }
            }
            case "response.output_text.delta" -> text(event.delta(), out);
            case "response.refusal.delta" -> {
                refused = true;
                text(event.delta(), out);
            }
            case "response.reasoning_summary_part.added" -> {
                if (event.summaryIndex() != null && event.summaryIndex() > 0) {
                    out.add(new ThinkingDelta(OpenAiResponsesResponseMapper.SUMMARY_PART_SEPARATOR));
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                if (event.delta() != null && !event.delta().isEmpty()) {
                    out.add(new ThinkingDelta(event.delta()));
                }
            }
            case "response.output_item.added" -> {
                Response.OutputItem item = event.item();
                if (item != null && "function_call".equals(item.type()) && event.outputIndex() != null) {
                    calls.fragment(event.outputIndex(), item.callId(), item.name(), null);
                }
            }
            case "response.function_call_arguments.delta" -> {
                if (event.outputIndex() != null) {
                    argumentsStreamed.set(event.outputIndex());
                    calls.fragment(event.outputIndex(), null, null, event.delta());
                }
            }
            case "response.output_item.done" -> itemDone(event, out);
            case "response.completed", "response.incomplete" -> complete(event.response(), out);
            case "response.failed" -> throw OpenAiResponsesResponseMapper.failure(provider,
                    event.response() == null ? null : event.response().error(), perRequestKey);
            case "error" -> throw event.error() != null && event.error().isObject()
                    ? OpenAiResponsesResponseMapper.failure(provider, event.error(), perRequestKey)
                    : OpenAiResponsesResponseMapper.failure(provider, event.code(), null, event.message(),
                            perRequestKey);
            default -> {
                // content_part, *.done texts, built-in tools' events and event types added later
            }
        }
    }

    private static void text(String delta, List<StreamEvent> out) {
        if (delta != null && !delta.isEmpty()) {
            out.add(new TextDelta(delta));
        }
    }

    /** A reasoning item hands out its state; a function call goes out complete (from the item if no delta came). */
    private void itemDone(Response.StreamEvent event, List<StreamEvent> out) {
        Response.OutputItem item = event.item();
        if (item == null || item.type() == null) {
            return;
        }
        if ("reasoning".equals(item.type())) {
            String signature = ReasoningState.signature(item.id(), item.encryptedContent());
            if (signature != null) {
                out.add(ThinkingDelta.signatureOnly(signature));
            }
        } else if ("function_call".equals(item.type()) && event.outputIndex() != null) {
            int index = event.outputIndex();
            calls.fragment(index, item.callId(), item.name(), argumentsStreamed.get(index) ? null
                    : OpenAiResponsesResponseMapper.argumentsText(item.arguments()));
            calls.complete(index).map(ToolCallEvent::of).ifPresent(out::add);
        }
    }

    private void complete(Response response, List<StreamEvent> out) {
        for (ToolCall call : calls.completeAll()) {
            out.add(ToolCallEvent.of(call));
        }
        String raw = response == null ? null : OpenAiResponsesResponseMapper.rawFinishReason(response);
        if (model == null && response != null) {
            model = response.model();
        }
        FinishReason reason = OpenAiResponsesResponseMapper.toFinishReason(raw, calls.hasCalls(), refused);
        terminate(new Done(reason, response == null || response.usage() == null ? null : response.usage().toUsage(),
                AnswerMetadata.of(raw, model, refused)), out);
    }
}
