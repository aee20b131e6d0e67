package io.switchboard.providers.ollama;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.ollama.OllamaWire.ChatResponse;
import io.switchboard.providers.ollama.OllamaWire.ResponseToolCall;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.ThinkTagSplitter;

/**
 * Parses one {@code /api/chat} NDJSON stream: {@code message.thinking} becomes thinking deltas,
 * {@code message.content} goes through the {@code <think>} parser, and tool calls, which Ollama
 * sends whole, go out at once. The line with {@code done: true} ends the stream; a line with
 * {@code error} fails it.
 * <p>
 * State: the decoder's partial line, the {@code <think>} parser's held text, the tool-call ids
 * issued so far (unique within the response) and whether the last line was seen. One instance per
 * request; not thread-safe.
 */
final class OllamaStreamParser extends ChunkParser<String> {

    private final ObjectReader reader;
    private final OllamaResponseMapper mapper;
    private final ThinkTagSplitter splitter;
    private final boolean perRequestKey;
    private final Set<String> toolCallIds = new HashSet<>();

    /** @param splitter the {@code <think>} parser for content */
    OllamaStreamParser(String provider, ObjectReader reader, OllamaResponseMapper mapper, ThinkTagSplitter splitter,
            boolean perRequestKey) {
        super(provider, ndjson());
        this.reader = reader;
        this.mapper = mapper;
        this.splitter = splitter;
        this.perRequestKey = perRequestKey;
    }

    @Override
    protected void onFrame(String line, List<StreamEvent> out) {
        ChatResponse response;
        try {
            response = reader.readValue(line);
        } catch (Exception e) {
            // A last line without its newline that does not parse was cut off, not malformed.
            throw ending() ? UpstreamErrors.streamCut(provider)
                    : UpstreamErrors.malformed(provider, "a stream line is not JSON");
        }
        if (response.error() != null && !response.error().isNull()) {
            // Ollama reports a failure after the 200 (e.g. the model's tool-call output did not
            // parse) as an error line with no status: a server error, retryable like any 500.
            String message = response.error().isTextual() ? response.error().asText() : response.error().toString();
            throw UpstreamErrors.fromStreamError(provider, null, null, null, message, null, perRequestKey);
        }
        if (response.message() != null) {
            String thinking = response.message().thinking();
            if (thinking != null && !thinking.isEmpty()) {
                out.add(new ThinkingDelta(thinking));
            }
            String content = response.message().content();
            if (content != null && !content.isEmpty()) {
                splitter.feed(content, ThinkTagSplitter.asEvents(out));
            }
            if (response.message().toolCalls() != null) {
                for (ResponseToolCall call : response.message().toolCalls()) {
                    mapper.toToolCall(call, toolCallIds).ifPresent(c -> out.add(ToolCallEvent.of(c)));
                }
            }
        }
        if (response.done()) {
            splitter.flush(ThinkTagSplitter.asEvents(out));
            terminate(Done.of(OllamaResponseMapper.toFinishReason(response.doneReason(), !toolCallIds.isEmpty()),
                    response.doneReason(), response.model(), OllamaResponseMapper.toUsage(response)), out);
        }
    }
}
