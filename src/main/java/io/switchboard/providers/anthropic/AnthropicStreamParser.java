package io.switchboard.providers.anthropic;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ToolCallAssembler;

/**
 * Parses one Messages API event stream into stream events, as the chunks arrive.
 * <p>
 * State: {@code startUsage} and {@code model} from {@code message_start} (input and cache counters) and
 * {@code deltaUsage} from the latest {@code message_delta} (cumulative counters), merged into the
 * {@code done} at {@code message_stop}; {@code stopReason} from {@code message_delta}; tool_use
 * blocks being assembled by block index. An in-stream {@code error} event (or a malformed frame) is thrown and
 * stops the parsing ({@link ChunkParser}). One instance per request; not thread-safe.
 */
final class AnthropicStreamParser extends ChunkParser<SseFrame> {

    private final ObjectReader wireEvents;
    private final boolean perRequestKey;
    private final ToolCallAssembler tools;
    private AnthropicWire.Usage startUsage;
    private AnthropicWire.Usage deltaUsage;
    private String stopReason;
    private String stopSequence;
    private String model;
    /** The name of the tool whose input is the answer's text ({@link AnthropicFormatTool}), or null. */
    private final String formatTool;
    /** The index of the format tool's block once it started, else -1. */
    private int formatBlock = -1;
    private boolean otherToolCalls;

    /**
     * @param wireEvents the provider's reader of {@link AnthropicWire.StreamEvent}, made once
     * @param formatTool the name of the tool whose input is the answer's text, or null
     */
    AnthropicStreamParser(String provider, ObjectMapper json, ObjectReader wireEvents, boolean perRequestKey,
            String formatTool) {
        super(provider, sse());
        this.wireEvents = wireEvents;
        this.perRequestKey = perRequestKey;
        this.tools = new ToolCallAssembler(json);
        this.formatTool = formatTool;
    }

    @Override
    protected void onFrame(SseFrame frame, List<StreamEvent> events) {
        if (frame.data().isBlank()) {
            return;
        }
        AnthropicWire.StreamEvent event;
        try {
            event = wireEvents.readValue(frame.data());
        } catch (JsonProcessingException e) {
            throw UpstreamErrors.malformed(provider, "a stream event that is not JSON");
        }
        String type = event.type() != null ? event.type() : frame.event();
        if (type == null) {
            return;
        }
        switch (type) {
            case "message_start" -> {
                if (event.message() != null) {
                    startUsage = event.message().usage();
                    model = event.message().model();
                }
            }
            case "content_block_start" -> onBlockStart(event, events);
            case "content_block_delta" -> onBlockDelta(event, events);
            case "content_block_stop" -> {
                if (event.index() != null) {
                    tools.complete(event.index()).map(ToolCallEvent::of).ifPresent(events::add);
                }
            }
            case "message_delta" -> {
                if (event.delta() != null && event.delta().stopReason() != null) {
                    stopReason = event.delta().stopReason();
                    stopSequence = event.delta().stopSequence();
                }
                if (event.usage() != null) {
                    deltaUsage = event.usage();
                }
            }
            case "message_stop" -> {
                // A tool_use block whose content_block_stop never came still goes out, once.
                tools.completeAll().forEach(call -> events.add(ToolCallEvent.of(call)));
                FinishReason finish = AnthropicResponseMapper.toFinishReason(stopReason);
                if (formatBlock >= 0) {
                    finish = AnthropicFormatTool.finish(finish, !otherToolCalls);
                }
                terminate(new Done(finish, usage(),
                        AnswerMetadata.of(stopReason, model, stopSequence)), events);
            }
            case "error" -> throw toFailure(event.error());
            default -> {
                // ping, and event types added later
            }
        }
    }

    private void onBlockStart(AnthropicWire.StreamEvent event, List<StreamEvent> events) {
        AnthropicWire.ContentBlock block = event.contentBlock();
        if (block == null || block.type() == null) {
            return;
        }
        switch (block.type()) {
            case "tool_use" -> {
                if (event.index() != null && formatBlock < 0 && block.name() != null
                        && block.name().equals(formatTool)) {
                    formatBlock = event.index();
                } else if (event.index() != null) {
                    otherToolCalls = true;
                    tools.fragment(event.index(), block.id(), block.name(), null);
                }
            }
            case "redacted_thinking" -> events.add(ThinkingDelta.signatureOnly(
                    AnthropicRedactedThinking.toSignature(block.data())));
            // Start blocks normally hold empty text; whatever they hold is the block's first piece.
            case "text" -> {
                if (block.text() != null && !block.text().isEmpty()) {
                    events.add(new TextDelta(block.text()));
                }
            }
            case "thinking" -> {
                if (block.thinking() != null && !block.thinking().isEmpty()) {
                    events.add(new ThinkingDelta(block.thinking()));
                }
            }
            default -> {
                // server tools, compaction: nothing the neutral model holds
            }
        }
    }

    private void onBlockDelta(AnthropicWire.StreamEvent event, List<StreamEvent> events) {
        AnthropicWire.Delta delta = event.delta();
        if (delta == null || delta.type() == null) {
            return;
        }
        switch (delta.type()) {
            case "text_delta" -> {
                if (delta.text() != null && !delta.text().isEmpty()) {
                    events.add(new TextDelta(delta.text()));
                }
            }
            case "thinking_delta" -> {
                if (delta.thinking() != null && !delta.thinking().isEmpty()) {
                    events.add(new ThinkingDelta(delta.thinking()));
                }
            }
            case "signature_delta" -> {
                if (delta.signature() != null && !delta.signature().isEmpty()) {
                    events.add(ThinkingDelta.signatureOnly(delta.signature()));
                }
            }
            case "input_json_delta" -> {
                if (event.index() != null && event.index() == formatBlock) {
                    // the format tool's input is the answer itself: its fragments are text as they come
                    if (delta.partialJson() != null && !delta.partialJson().isEmpty()) {
                        events.add(new TextDelta(delta.partialJson()));
                    }
                } else if (event.index() != null) {
                    tools.fragment(event.index(), null, null, delta.partialJson());
                }
            }
            default -> {
                // citations_delta and later delta types
            }
        }
    }

    /**
     * message_start has the input and cache counters; message_delta's counters are cumulative, so they win
     * where given (they grow when the backend samples again within the call) and message_start fills the gaps
     * (the TTL split of the cache writes, and every input counter of an older API version).
     */
    private Usage usage() {
        return AnthropicResponseMapper.toUsage(startUsage).merge(AnthropicResponseMapper.toUsage(deltaUsage));
    }

    /** An in-stream error states no HTTP status: its type classifies it, and {@code status_code} stays null. */
    private GatewayException toFailure(AnthropicWire.ApiError error) {
        String type = error == null ? null : error.type();
        String message = error == null ? null : error.message();
        return UpstreamErrors.fromStreamError(provider, null, null, type, message, AnthropicErrorParser.overflow(message),
                perRequestKey);
    }
}
