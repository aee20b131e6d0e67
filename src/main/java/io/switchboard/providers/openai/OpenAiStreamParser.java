package io.switchboard.providers.openai;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.switchboard.core.model.Usage;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.DoneMarkerParser;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolCallAssembler;

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
 * chunks; {@code finishReason}, {@code usage}, {@code refused} and {@code model} collect what {@code done}
 * reports. An error frame is thrown and stops
 * the parsing ({@link ChunkParser}). One instance per request; not thread-safe.
 */
public final class OpenAiStreamParser extends DoneMarkerParser {

    private final ObjectMapper json;
    private final ObjectReader chunks;
    private final OpenAiErrorParser errors;
    private final ThinkTagSplitter splitter;
    private final ToolCallAssembler calls;
    private Usage usage;
    private boolean refused;
    private String model;

    /**
     * @param chunks the provider's reader of {@link ChatCompletion}, made once
     * @param thinkTags the {@code <think>} options of the content
     */
    public OpenAiStreamParser(String provider, ObjectMapper json, ObjectReader chunks, ThinkTags thinkTags) {
        super(provider);
        this.json = json;
        this.chunks = chunks;
        this.errors = new OpenAiErrorParser(json);
        this.splitter = thinkTags.newSplitter();
        this.calls = new ToolCallAssembler(json);
    }

    @Override
    protected void onData(SseFrame frame, String data, List<StreamEvent> out) {
        if ("error".equals(frame.event())) {
            throw errors.streamError(provider, errorOf(data));
        }
        ChatCompletion chunk;
        try {
            chunk = chunks.readValue(data);
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "a stream frame is not a chat completion chunk");
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.streamError(provider, chunk.error());
        }
        if (chunk.usage() != null) {
            usage = chunk.usage().toUsage();
        }
        if (model == null) {
            model = chunk.model();
        }
        if (chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0) == null) {
            return;
        }
        ChatCompletion.Choice choice = chunk.choices().get(0);
        if (choice.delta() != null) {
            onDelta(choice.delta(), out);
        }
        if (choice.finishReason() != null) {
            finishReason(choice.finishReason());
            endChoice(out);
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

    private void onDelta(ChatCompletion.Message delta, List<StreamEvent> out) {
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
            splitter.feed(content, ThinkTagSplitter.asEvents(out));
        }
        String refusal = OpenAiResponseMapper.textOf(delta.refusal());
        if (refusal != null && !refusal.isEmpty()) {
            // The refusal is the answer the client gets to show (see OpenAiResponseMapper.toFinishReason).
            refused = true;
            out.add(new TextDelta(refusal));
        }
    }

    /** The choice is over: held text goes out, then every tool call, complete. */
    private void endChoice(List<StreamEvent> out) {
        splitter.flush(ThinkTagSplitter.asEvents(out));
        for (ToolCall call : calls.completeAll()) {
            out.add(ToolCallEvent.of(call));
        }
    }

    @Override
    protected void complete(List<StreamEvent> out) {
        endChoice(out);
        String finishReason = finishReason();
        FinishReason normalized = OpenAiResponseMapper.toFinishReason(finishReason, calls.hasCalls(), refused);
        terminate(new Done(normalized, usage, AnswerMetadata.of(finishReason, model, refused)), out);
    }
}
