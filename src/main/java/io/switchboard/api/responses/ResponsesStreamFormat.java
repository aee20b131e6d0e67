package io.switchboard.api.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.StreamFormat;
import io.switchboard.api.openai.OpenAiErrorFormat;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * One Responses stream, in the Responses API's event grammar: {@code response.created} and
 * {@code response.in_progress} with the first event, then the output items in order, each opened by
 * {@code response.output_item.added} and closed by {@code response.output_item.done}: a {@code reasoning}
 * item ({@code reasoning_summary_part.added}, its {@code reasoning_summary_text.delta}s, then the
 * {@code .done} events with the whole summary), a {@code message} item ({@code content_part.added}, its
 * {@code output_text.delta}s, then {@code output_text.done} and {@code content_part.done} with the whole
 * text), a {@code function_call} item (its arguments in one {@code function_call_arguments.delta}, as the
 * gateway hands a tool call over whole, then {@code function_call_arguments.done}). An item closes when an
 * event of another kind arrives. The end is exactly one {@code response.completed} or
 * {@code response.incomplete} carrying the whole response and its usage; a failure after the start is an
 * {@code error} event, then {@code response.failed}. Every event is {@code event: <type>} and
 * {@code data: {"type": <type>, …, "sequence_number": n}}, numbered from 0. Deltas go out the moment they
 * arrive; the text of the open item is kept for its {@code .done} events, the closed items for the terminal
 * response. When {@code include} asks for encrypted reasoning and the answering backend's type is known up front,
 * the reasoning item also collects its thinking blocks (a signature closes one) and its
 * {@code output_item.done} carries them sealed as {@code encrypted_content}; a signature alone then opens a
 * reasoning item with no summary.
 */
final class ResponsesStreamFormat implements StreamFormat {

    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final String IN_PROGRESS = "in_progress";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Item {
        NONE,
        REASONING,
        MESSAGE
    }

    private final ResponsesAnswers answers;
    private final ResponsesRequest request;
    /** The items closed so far, for the terminal event's response. */
    private final ArrayNode output = NODES.arrayNode();
    /** The text of the open reasoning or message item. */
    private final StringBuilder text = new StringBuilder();
    /** The open reasoning item's signed thinking blocks, when they are handed out; else null. */
    private final List<ThinkingPart> blocks;
    /** Where the open reasoning item's block being read starts in {@link #text}. */
    private int blockStart;
    private boolean summaryOpen;
    private boolean started;
    private int sequence;
    private Item open = Item.NONE;
    private String openId;

    ResponsesStreamFormat(ResponsesAnswers answers, ResponsesRequest request) {
        this.answers = answers;
        this.request = request;
        this.blocks = request.encryptedReasoning() && request.streamOrigin() != null ? new ArrayList<>() : null;
    }

    @Override
    public Buffer event(StreamEvent event) {
        Buffer out = Buffer.buffer();
        if (!started) {
            started = true;
            write(out, responseEvent("response.created", answers.response(request, IN_PROGRESS, NODES.arrayNode())));
            write(out, responseEvent("response.in_progress", answers.response(request, IN_PROGRESS, NODES.arrayNode())));
        }
        switch (event) {
            case TextDelta delta -> text(out, delta.text());
            case ThinkingDelta delta -> reasoning(out, delta);
            case ToolCallEvent call -> functionCall(out, call);
            case Done done -> done(out, done);
            case ErrorEvent error -> failed(out, OpenAiErrorFormat.envelope(error.error(),
                    error.error().type().defaultStatus()));
        }
        return out.length() == 0 ? null : out;
    }

    @Override
    public Buffer failure(GatewayException error, String requestId) {
        Buffer out = Buffer.buffer();
        failed(out, OpenAiErrorFormat.envelope(error, requestId));
        return out;
    }

    /** The response stored, when the request asked for it, before the event that ends the stream goes out. */
    @Override
    public Uni<Void> before() {
        KeptResponse kept = request.kept();
        return kept == null ? null : kept.store();
    }

    @Override
    public Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }

    private void text(Buffer out, String delta) {
        if (delta.isEmpty()) {
            return;
        }
        if (open != Item.MESSAGE) {
            close(out, ResponsesAnswers.COMPLETED);
            open(out, Item.MESSAGE, ResponsesAnswers.messageItem(nextId(ResponsesAnswers.MESSAGE), null, IN_PROGRESS));
            ObjectNode added = itemEvent("response.content_part.added").put("content_index", 0);
            added.set("part", ResponsesAnswers.outputText(""));
            write(out, added);
        }
        text.append(delta);
        ObjectNode event = itemEvent("response.output_text.delta").put("content_index", 0).put("delta", delta);
        event.putArray("logprobs");
        write(out, event);
    }

    private void reasoning(Buffer out, ThinkingDelta thinking) {
        String delta = thinking.thinking();
        // a signature alone has no summary text: it opens an item only when it is handed out
        boolean signed = blocks != null && thinking.signature() != null;
        if (delta.isEmpty() && !signed) {
            return;
        }
        if (delta.isEmpty() && open == Item.MESSAGE) {
            // a signature on answer text (Gemini's): its reasoning item follows the message instead of splitting it
            blocks.add(new ThinkingPart("", thinking.signature()));
            return;
        }
        if (open != Item.REASONING) {
            close(out, ResponsesAnswers.COMPLETED);
            open(out, Item.REASONING, ResponsesAnswers.reasoningItem(nextId(ResponsesAnswers.REASONING), null,
                    IN_PROGRESS, null));
        }
        if (!delta.isEmpty()) {
            if (!summaryOpen) {
                summaryOpen = true;
                ObjectNode added = itemEvent("response.reasoning_summary_part.added").put("summary_index", 0);
                added.set("part", ResponsesAnswers.summaryText(""));
                write(out, added);
            }
            text.append(delta);
            write(out, itemEvent("response.reasoning_summary_text.delta").put("summary_index", 0).put("delta",
                    delta));
        }
        if (signed) {
            blocks.add(new ThinkingPart(text.substring(blockStart), thinking.signature()));
            blockStart = text.length();
        }
    }

    private void functionCall(Buffer out, ToolCallEvent event) {
        close(out, ResponsesAnswers.COMPLETED);
        int index = output.size();
        ToolCall call = event.toToolCall();
        String id = answers.tokens().functionCallId(nextId(ResponsesAnswers.FUNCTION_CALL), request.streamOrigin(),
                call);
        ObjectNode added = node("response.output_item.added").put("output_index", index);
        added.set("item", ResponsesAnswers.functionCallItem(id, call, IN_PROGRESS));
        write(out, added);
        String arguments = call.argumentsText();
        write(out, node("response.function_call_arguments.delta").put("item_id", id).put("output_index", index)
                .put("delta", arguments));
        write(out, node("response.function_call_arguments.done").put("item_id", id).put("output_index", index)
                .put("name", call.name()).put("arguments", arguments));
        itemDone(out, index, ResponsesAnswers.functionCallItem(id, call, ResponsesAnswers.COMPLETED));
    }

    private void done(Buffer out, Done done) {
        String incomplete = ResponsesAnswers.incompleteReason(done.finishReason());
        String status = incomplete == null ? ResponsesAnswers.COMPLETED : ResponsesAnswers.INCOMPLETE;
        close(out, status);
        ObjectNode response = answers.response(request, status, output);
        ResponsesAnswers.finish(response, incomplete, done.usage());
        request.ended(response);
        // response.completed or response.incomplete
        write(out, responseEvent("response." + status, response));
    }

    /** An {@code error} event with OpenAI's error fields, then {@code response.failed}; open items stay open. */
    private void failed(Buffer out, ObjectNode envelope) {
        ObjectNode error = (ObjectNode) envelope.get("error");
        ObjectNode event = node("error");
        error.properties().forEach(field -> {
            // the event's own type is "error"; OpenAI's error type stays in the HTTP answer
            if (!field.getKey().equals("type")) {
                event.set(field.getKey(), field.getValue());
            }
        });
        write(out, event);
        ObjectNode response = answers.response(request, "failed", output);
        ObjectNode failure = response.putObject("error");
        JsonNode code = error.get("code");
        // the response's error code is one of a fixed list, in which a rate limit is the only gateway failure
        failure.put("code", code != null && "rate_limit_exceeded".equals(code.asText()) ? "rate_limit_exceeded"
                : "server_error");
        failure.put("message", error.path("message").asText());
        write(out, responseEvent("response.failed", response));
    }

    private void open(Buffer out, Item kind, ObjectNode item) {
        open = kind;
        openId = item.get("id").textValue();
        text.setLength(0);
        blockStart = 0;
        summaryOpen = false;
        ObjectNode added = node("response.output_item.added").put("output_index", output.size());
        added.set("item", item);
        write(out, added);
    }

    /** Closes the open reasoning or message item with its whole text; its status is the response's. */
    private void close(Buffer out, String status) {
        if (open == Item.NONE) {
            return;
        }
        String whole = text.toString();
        if (open == Item.REASONING) {
            if (summaryOpen) {
                write(out, itemEvent("response.reasoning_summary_text.done").put("summary_index", 0).put("text",
                        whole));
                ObjectNode part = itemEvent("response.reasoning_summary_part.done").put("summary_index", 0);
                part.set("part", ResponsesAnswers.summaryText(whole));
                write(out, part);
            }
            itemDone(out, output.size(), ResponsesAnswers.reasoningItem(openId, whole, status,
                    encryptedContent(whole.substring(blockStart))));
        } else {
            ObjectNode textDone = itemEvent("response.output_text.done").put("content_index", 0).put("text", whole);
            textDone.putArray("logprobs");
            write(out, textDone);
            ObjectNode part = itemEvent("response.content_part.done").put("content_index", 0);
            part.set("part", ResponsesAnswers.outputText(whole));
            write(out, part);
            itemDone(out, output.size(), ResponsesAnswers.messageItem(openId, whole, status));
            String signatures = encryptedContent("");
            if (signatures != null) {
                String id = nextId(ResponsesAnswers.REASONING);
                ObjectNode added = node("response.output_item.added").put("output_index", output.size());
                added.set("item", ResponsesAnswers.reasoningItem(id, null, IN_PROGRESS, null));
                write(out, added);
                itemDone(out, output.size(), ResponsesAnswers.reasoningItem(id, null, status, signatures));
            }
        }
        open = Item.NONE;
        openId = null;
        text.setLength(0);
    }

    /**
     * The blocks collected so far sealed, with {@code unsigned}, the reasoning text after the last signature, as an
     * unsigned block (so that the blocks hold the whole summary); null when they are not handed out or none is
     * signed.
     */
    private String encryptedContent(String unsigned) {
        if (blocks == null || blocks.isEmpty()) {
            return null;
        }
        if (!unsigned.isEmpty()) {
            blocks.add(new ThinkingPart(unsigned, null));
        }
        String sealed = answers.tokens().encryptedContent(request.streamOrigin(), blocks);
        blocks.clear();
        return sealed;
    }

    private void itemDone(Buffer out, int index, ObjectNode item) {
        ObjectNode done = node("response.output_item.done").put("output_index", index);
        done.set("item", item);
        write(out, done);
        output.add(item);
    }

    private String nextId(String prefix) {
        return request.itemId(prefix, output.size());
    }

    /** An event about the open item. */
    private ObjectNode itemEvent(String type) {
        return node(type).put("item_id", openId).put("output_index", output.size());
    }

    private static ObjectNode responseEvent(String type, ObjectNode response) {
        ObjectNode event = node(type);
        event.set("response", response);
        return event;
    }

    private static ObjectNode node(String type) {
        return NODES.objectNode().put("type", type);
    }

    /** Writes {@code data} as its type's SSE event, numbered in order. */
    private void write(Buffer out, ObjectNode data) {
        data.put("sequence_number", sequence++);
        out.appendBytes(EVENT).appendString(data.get("type").textValue(), "US-ASCII").appendBytes(DATA)
                .appendBytes(answers.bytes(data)).appendBytes(END);
    }
}
