package io.switchboard.providers.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.SseDecoder;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolCallAssembler;
import io.vertx.core.buffer.Buffer;

/**
 * Parses one streamed Chat Completions answer into stream events, as the bytes arrive.
 * <p>
 * Per frame, in this order: usage (also from the usage-only
 * final chunk, whose {@code choices} is empty); tool-call fragments, accumulated by {@code index};
 * field reasoning as thinking; then the content through the {@code <think>} splitter. The
 * choice's {@code finish_reason} flushes the splitter and emits the tool calls, each once and
 * complete (parallel calls interleave their fragments, so none is complete before it). The
 * terminal frame is {@code data: [DONE]}, which emits {@code done} with the finish reason and the
 * usage seen; a body that ends cleanly after a finish reason but without {@code [DONE]} is
 * accepted, any other early end fails with {@link UpstreamErrors#streamCut}. An error frame
 * ({@code event: error}, or a frame with an {@code error} member) fails the stream.
 * <p>
 * State: the SSE decoder, the splitter and the tool-call assembler carry partial input across
 * chunks; {@code finishReason}, {@code usage} and {@code refused} collect what {@code done}
 * reports; {@code out} is the event list of the call in progress. An error frame is thrown and stops
 * the parsing ({@link ChunkParser}). One instance per request; not thread-safe.
 */
public final class OpenAiStreamParser extends ChunkParser {

    private static final String DONE_DATA = "[DONE]";

    private final String provider;
    private final ObjectMapper json;
    private final OpenAiErrorParser errors;
    private final SseDecoder sse = new SseDecoder();
    private final ThinkTagSplitter splitter;
    private final ToolCallAssembler calls;
    private final ThinkTagSplitter.Segments segments = ThinkTagSplitter.asEvents(() -> this.out);
    private List<StreamEvent> out = new ArrayList<>();
    private String finishReason;
    private Usage usage;
    private boolean refused;
    private boolean done;

    /**
     * @param thinkTags the {@code <think>} options, or null when think-tag parsing is off
     */
    public OpenAiStreamParser(String provider, ObjectMapper json, ThinkTags thinkTags) {
        this.provider = provider;
        this.json = json;
        this.errors = new OpenAiErrorParser(json);
        this.splitter = thinkTags == null ? null : thinkTags.newSplitter();
        this.calls = new ToolCallAssembler(json);
    }

    /** The events this chunk completes; an error frame stops the parsing (see {@link ChunkParser}). */
    @Override
    protected void parse(Buffer chunk, List<StreamEvent> out) {
        this.out = out;
        sse.feed(chunk, this::onFrame);
    }

    /** The events left when the body has ended; fails with a retryable error when it ended too early. */
    @Override
    protected List<StreamEvent> end() {
        out = new ArrayList<>();
        sse.finish(this::onFrame);
        if (!done) {
            if (finishReason == null) {
                throw UpstreamErrors.streamCut(provider);
            }
            // Some compatible servers close after the finish reason without sending [DONE].
            complete();
        }
        return out;
    }

    private void onFrame(SseFrame frame) {
        if (done) {
            return;
        }
        String data = frame.data();
        if (DONE_DATA.equals(data.strip())) {
            complete();
            return;
        }
        if (data.isBlank()) {
            return;
        }
        if ("error".equals(frame.event())) {
            throw errors.streamError(provider, errorOf(data));
        }
        ChatCompletionChunk chunk;
        try {
            chunk = json.readValue(data, ChatCompletionChunk.class);
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "a stream frame is not a chat completion chunk");
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.streamError(provider, chunk.error());
        }
        if (chunk.usage() != null) {
            usage = chunk.usage().toUsage();
        }
        if (chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0) == null) {
            return;
        }
        ChatCompletionChunk.Choice choice = chunk.choices().get(0);
        if (choice.delta() != null) {
            onDelta(choice.delta());
        }
        if (choice.finishReason() != null) {
            finishReason = choice.finishReason();
            endChoice();
        }
    }

    /** The {@code error} member of an {@code event: error} frame, the whole frame, or its text when it is not JSON. */
    private JsonNode errorOf(String data) {
        try {
            JsonNode node = json.readTree(data);
            return node.has("error") ? node.get("error") : node;
        } catch (IOException e) {
            return json.getNodeFactory().textNode(data);
        }
    }

    private void onDelta(ChatCompletionChunk.Delta delta) {
        if (delta.toolCalls() != null) {
            List<ChatToolCall> fragments = delta.toolCalls();
            for (int i = 0; i < fragments.size(); i++) {
                ChatToolCall fragment = fragments.get(i);
                if (fragment == null) {
                    continue;
                }
                // A few servers leave out index on single calls; the position in the list stands in for it.
                int index = fragment.index() != null ? fragment.index() : i;
                ChatToolCall.Function function = fragment.function();
                calls.fragment(index, fragment.id(), function == null ? null : function.name(),
                        function == null ? null : OpenAiResponseMapper.argumentsText(function.arguments()));
            }
        }
        String reasoning = OpenAiResponseMapper.fieldReasoning(delta.reasoningContent(), delta.reasoning());
        if (!reasoning.isEmpty()) {
            out.add(new ThinkingDelta(reasoning));
        }
        String content = OpenAiResponseMapper.textOf(delta.content());
        if (content != null && !content.isEmpty()) {
            if (splitter != null) {
                splitter.feed(content, segments);
            } else {
                out.add(new TextDelta(content));
            }
        }
        String refusal = OpenAiResponseMapper.textOf(delta.refusal());
        if (refusal != null && !refusal.isEmpty()) {
            // The refusal is the answer the client gets to show (see OpenAiResponseMapper.toFinishReason).
            refused = true;
            out.add(new TextDelta(refusal));
        }
    }

    /** The choice is over: held text goes out, then every tool call, complete. */
    private void endChoice() {
        if (splitter != null) {
            splitter.flush(segments);
        }
        for (ToolCall call : calls.completeAll()) {
            out.add(ToolCallEvent.of(call));
        }
    }

    private void complete() {
        endChoice();
        done = true;
        Done event = Done.of(OpenAiResponseMapper.toFinishReason(finishReason, calls.hasCalls(), refused), finishReason,
                usage);
        if (refused) {
            event.metadata().put("refusal", true);
        }
        out.add(event);
    }
}
