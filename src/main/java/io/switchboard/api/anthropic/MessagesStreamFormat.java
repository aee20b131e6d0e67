package io.switchboard.api.anthropic;

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
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * One Messages stream, in Anthropic's event sequence: {@code message_start} with the first event,
 * then content blocks, each {@code content_block_start}, its deltas ({@code thinking_delta} and
 * {@code signature_delta}, {@code text_delta}, {@code input_json_delta}) and
 * {@code content_block_stop}; a block closes when an event of another kind arrives. The end is
 * {@code message_delta} (stop reason and usage) and {@code message_stop}. A tool call arrives whole
 * from the gateway, so its input follows in one {@code input_json_delta}. Input tokens are known
 * only at the end, so {@code message_start} reports 0 and {@code message_delta} the real count.
 * Silence is filled with {@code ping} events; a failure after the start is an {@code error} event.
 */
final class MessagesStreamFormat implements StreamFormat {

    private static final Buffer PING = Buffer.buffer("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private enum Block {
        NONE,
        THINKING,
        TEXT
    }

    private final MessagesAnswers answers;
    private final MessagesRequest request;
    private boolean started;
    private Block open = Block.NONE;
    private boolean blockOpen;
    private boolean signed;
    private int index = -1;

    MessagesStreamFormat(MessagesAnswers answers, MessagesRequest request) {
        this.answers = answers;
        this.request = request;
    }

    @Override
    public Buffer event(StreamEvent event) {
        Buffer out = Buffer.buffer();
        if (!started) {
            started = true;
            messageStart(out);
        }
        switch (event) {
            case TextDelta text -> text(out, text.text());
            case ThinkingDelta thinking -> thinking(out, thinking);
            case ToolCallEvent call -> {
                close(out);
                startBlock(out, MessagesAnswers.toolUseBlock(call.toToolCall(), false));
                ObjectNode delta = delta("input_json_delta");
                delta.put("partial_json", call.arguments().toString());
                write(out, "content_block_delta", blockEvent("content_block_delta").set("delta", delta));
                close(out);
            }
            case Done done -> {
                close(out);
                ObjectNode message = node("message_delta");
                ObjectNode delta = message.putObject("delta");
                MessagesAnswers.putStop(delta, done.finishReason(), done.metadata());
                message.set("usage", MessagesAnswers.usage(done.usage()));
                write(out, "message_delta", message);
                write(out, "message_stop", node("message_stop"));
            }
            case ErrorEvent error -> write(out, "error",
                    AnthropicErrorFormat.envelope(error.error(), error.error().type().defaultStatus(), false));
        }
        return out.length() == 0 ? null : out;
    }

    private void messageStart(Buffer out) {
        ObjectNode message = answers.start(request);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", 0);
        usage.put("output_tokens", 0);
        ObjectNode start = node("message_start");
        start.set("message", message);
        write(out, "message_start", start);
    }

    private void text(Buffer out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Block.TEXT) {
            close(out);
            startBlock(out, MessagesAnswers.textBlock(""));
            open = Block.TEXT;
        }
        ObjectNode delta = delta("text_delta");
        delta.put("text", text);
        write(out, "content_block_delta", blockEvent("content_block_delta").set("delta", delta));
    }

    private void thinking(Buffer out, ThinkingDelta thinking) {
        String signature = thinking.signature();
        if (ThinkingPart.redactedData(signature) != null) {
            close(out);
            startBlock(out, MessagesAnswers.thinkingBlock("", signature));
            close(out);
            return;
        }
        if (thinking.thinking().isEmpty() && signature == null) {
            return;
        }
        // a signature closes its block: reasoning after it is a new block
        if (open != Block.THINKING || signed) {
            close(out);
            startBlock(out, MessagesAnswers.thinkingBlock("", ""));
            open = Block.THINKING;
        }
        if (!thinking.thinking().isEmpty()) {
            ObjectNode delta = delta("thinking_delta");
            delta.put("thinking", thinking.thinking());
            write(out, "content_block_delta", blockEvent("content_block_delta").set("delta", delta));
        }
        if (signature != null) {
            ObjectNode delta = delta("signature_delta");
            delta.put("signature", signature);
            write(out, "content_block_delta", blockEvent("content_block_delta").set("delta", delta));
            signed = true;
        }
    }

    /** Starts the next block; the caller says which kind it is when later deltas may extend it. */
    private void startBlock(Buffer out, ObjectNode block) {
        index++;
        blockOpen = true;
        open = Block.NONE;
        signed = false;
        ObjectNode start = blockEvent("content_block_start");
        start.set("content_block", block);
        write(out, "content_block_start", start);
    }

    private void close(Buffer out) {
        if (!blockOpen) {
            return;
        }
        blockOpen = false;
        open = Block.NONE;
        write(out, "content_block_stop", blockEvent("content_block_stop"));
    }

    @Override
    public Buffer failure(GatewayException error, String requestId) {
        Buffer out = Buffer.buffer();
        write(out, "error", AnthropicErrorFormat.envelope(error, requestId));
        return out;
    }

    @Override
    public Buffer keepAlive() {
        return PING.copy();
    }

    private ObjectNode blockEvent(String type) {
        ObjectNode event = node(type);
        event.put("index", index);
        return event;
    }

    private static ObjectNode delta(String type) {
        return node(type);
    }

    private static ObjectNode node(String type) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        return node;
    }

    private void write(Buffer out, String event, ObjectNode data) {
        out.appendBytes(EVENT).appendString(event, "US-ASCII").appendBytes(DATA).appendBytes(answers.bytes(data))
                .appendBytes(END);
    }
}
