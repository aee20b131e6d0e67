package io.switchboard.api.openai;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.StreamFormat;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * One Chat Completions stream: a {@code chat.completion.chunk} per event as it arrives (the first
 * also carries {@code role}), a last chunk with {@code finish_reason}, with
 * {@code stream_options.include_usage} one more chunk with empty {@code choices} and the usage, then
 * {@code data: [DONE]}. A failure after the first chunk is a {@code data: {"error": …}} frame, which
 * OpenAI's clients raise as an error, and the stream ends there. A tool call arrives whole from the
 * gateway, so its delta carries id, name and all its arguments at once.
 */
final class ChatChunkFormat implements StreamFormat {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    private final ChatAnswers answers;
    private final ChatRequest request;
    private boolean roleSent;
    private int toolIndex;

    ChatChunkFormat(ChatAnswers answers, ChatRequest request) {
        this.answers = answers;
        this.request = request;
    }

    @Override
    public Buffer event(StreamEvent event) {
        return switch (event) {
            case TextDelta text -> text.text().isEmpty() ? null : delta(delta().put("content", text.text()));
            case ThinkingDelta thinking -> thinking(thinking);
            case ToolCallEvent call -> {
                ObjectNode delta = delta();
                delta.putArray("tool_calls").add(answers.toolCall(call.toToolCall(), toolIndex++));
                yield delta(delta);
            }
            case Done done -> done(done);
            case ErrorEvent error -> frame(OpenAiErrorFormat.envelope(error.error(),
                    error.error().type().defaultStatus()));
        };
    }

    private Buffer thinking(ThinkingDelta thinking) {
        if (thinking.thinking().isEmpty() && thinking.signature() == null) {
            return null;
        }
        ObjectNode delta = delta();
        if (!thinking.thinking().isEmpty()) {
            delta.put("reasoning_content", thinking.thinking());
        }
        if (thinking.signature() != null) {
            delta.put(ChatAnswers.REASONING_SIGNATURE, thinking.signature());
        }
        return delta(delta);
    }

    private Buffer done(Done done) {
        ObjectNode last = chunk(delta(), ChatAnswers.finishReason(done.finishReason()));
        Buffer frames = frame(last);
        if (request.includeUsage()) {
            ObjectNode usage = answers.envelope(request, "chat.completion.chunk");
            usage.putArray("choices");
            if (done.usage().isEmpty()) {
                usage.putNull("usage");
            } else {
                usage.set("usage", ChatAnswers.usage(done.usage()));
            }
            frames.appendBuffer(frame(usage));
        }
        return frames.appendBuffer(DONE);
    }

    @Override
    public Buffer failure(GatewayException error, String requestId) {
        return frame(OpenAiErrorFormat.envelope(error, requestId));
    }

    @Override
    public Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }

    /** An empty delta; the stream's first one names the role. */
    private ObjectNode delta() {
        ObjectNode delta = JsonNodeFactory.instance.objectNode();
        if (!roleSent) {
            roleSent = true;
            delta.put("role", "assistant");
        }
        return delta;
    }

    private Buffer delta(ObjectNode delta) {
        return frame(chunk(delta, null));
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = answers.envelope(request, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private Buffer frame(ObjectNode data) {
        byte[] json = answers.bytes(data);
        return Buffer.buffer(DATA.length + json.length + END.length).appendBytes(DATA).appendBytes(json)
                .appendBytes(END);
    }
}
