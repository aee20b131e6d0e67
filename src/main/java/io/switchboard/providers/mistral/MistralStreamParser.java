package io.switchboard.providers.mistral;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.mistral.MistralWire.ChatCompletion;
import io.switchboard.providers.mistral.MistralWire.Choice;
import io.switchboard.providers.mistral.MistralWire.ResponseToolCall;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.SseDecoder;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ToolCallAssembler;
import io.vertx.core.buffer.Buffer;

/**
 * Parses one Mistral SSE stream. Text and thinking go out as soon as they are parsed: list content
 * (magistral's thinking and text chunks) directly, string content through the {@code <think>}
 * parser. Tool calls are assembled by slot and go out, complete, with {@code done} at
 * {@code data: [DONE]}.
 * <p>
 * State: the decoder's partial frame, the {@code <think>} parser's held text, the open tool calls
 * (and which slot each wire index or id maps to), the last finish reason and usage, and whether the
 * terminal frame was seen. One instance per request; not thread-safe.
 */
final class MistralStreamParser extends ChunkParser {

    private final String provider;
    private final ObjectReader reader;
    private final ThinkTagSplitter splitter;
    private final boolean perRequestKey;
    private final SseDecoder decoder = new SseDecoder();
    private final ToolCallAssembler calls;
    private final Map<Integer, Integer> slotOfIndex = new HashMap<>();
    private final Map<String, Integer> slotOfId = new HashMap<>();
    private final Map<Integer, String> idOfSlot = new HashMap<>();
    private int nextSlot;
    private int lastSlot = -1;
    private String finishReason;
    private Usage usage = Usage.NONE;
    private boolean terminated;
    private boolean ending;
    private List<StreamEvent> out = new ArrayList<>();
    private final ThinkTagSplitter.Segments segments = ThinkTagSplitter.asEvents(() -> this.out);

    /** @param splitter the {@code <think>} parser for string content, or null when think-tags is off */
    MistralStreamParser(String provider, ObjectReader reader, ThinkTagSplitter splitter,
            ToolCallAssembler calls, boolean perRequestKey) {
        this.provider = provider;
        this.reader = reader;
        this.splitter = splitter;
        this.calls = calls;
        this.perRequestKey = perRequestKey;
    }

    @Override
    protected void parse(Buffer chunk, List<StreamEvent> out) {
        this.out = out;
        decoder.feed(chunk, this::onFrame);
    }

    /** The body ended: the terminal events if they are still due, or a stream-cut failure. */
    @Override
    protected List<StreamEvent> end() {
        out = new ArrayList<>();
        ending = true;
        decoder.finish(this::onFrame);
        if (!terminated) {
            if (finishReason == null) {
                throw UpstreamErrors.streamCut(provider);
            }
            // The finish_reason chunk came but the body closed before [DONE]: the answer is whole.
            terminate();
        }
        return out;
    }

    private void onFrame(SseFrame frame) {
        if (terminated) {
            return;
        }
        String data = frame.data();
        if (data == null || data.isBlank()) {
            return;
        }
        if (data.strip().equals("[DONE]")) {
            terminate();
            return;
        }
        ChatCompletion chunk = read(data);
        if (chunk.choices() == null && (chunk.message() != null || "error".equals(chunk.object()))) {
            throw inStreamError(chunk, data);
        }
        if (chunk.usage() != null) {
            usage = usage.merge(MistralResponseMapper.toUsage(chunk.usage()));
        }
        if (chunk.choices() == null || chunk.choices().isEmpty()) {
            return;
        }
        Choice choice = chunk.choices().get(0);
        if (choice.finishReason() != null) {
            finishReason = choice.finishReason();
        }
        if (choice.delta() == null) {
            return;
        }
        String plain = MistralResponseMapper.readContent(choice.delta().content(), segments);
        if (plain != null && !plain.isEmpty()) {
            if (splitter != null) {
                splitter.feed(plain, segments);
            } else {
                out.add(new TextDelta(plain));
            }
        }
        if (choice.delta().toolCalls() != null) {
            for (ResponseToolCall call : choice.delta().toolCalls()) {
                JsonNode arguments = call.function() == null ? null : call.function().arguments();
                String fragment = arguments == null || arguments.isNull() ? null
                        : arguments.isTextual() ? arguments.asText() : arguments.toString();
                calls.fragment(slotFor(call.index(), call.id()), call.id(),
                        call.function() == null ? null : call.function().name(), fragment);
            }
        }
    }

    /**
     * Which assembler slot a fragment belongs to. Mistral usually sends each call whole in one
     * delta, and its spec defaults a missing {@code index} to 0: a fragment carrying a new id
     * therefore starts a new call even at a reused index, instead of being glued onto the previous
     * call (the reference merges them, roomkit-reference §8 item 45).
     */
    private int slotFor(Integer index, String id) {
        boolean hasId = id != null && !id.isBlank();
        if (hasId && slotOfId.containsKey(id)) {
            return lastSlot = slotOfId.get(id);
        }
        Integer slot = index == null ? (lastSlot >= 0 && !hasId ? lastSlot : null) : slotOfIndex.get(index);
        if (slot == null || hasId && idOfSlot.containsKey(slot)) {
            slot = nextSlot++;
        }
        if (index != null) {
            slotOfIndex.put(index, slot);
        }
        if (hasId) {
            slotOfId.put(id, slot);
            idOfSlot.put(slot, id);
        }
        return lastSlot = slot;
    }

    private void terminate() {
        terminated = true;
        if (splitter != null) {
            splitter.flush(segments);
        }
        for (ToolCall call : calls.completeAll()) {
            out.add(ToolCallEvent.of(call));
        }
        out.add(Done.of(MistralResponseMapper.toFinishReason(finishReason, calls.hasCalls()), finishReason, usage));
    }

    private ChatCompletion read(String data) {
        try {
            return reader.readValue(data);
        } catch (Exception e) {
            // A frame left unfinished when the body ended was cut off, not malformed.
            throw ending ? UpstreamErrors.streamCut(provider)
                    : UpstreamErrors.malformed(provider, "a stream chunk is not JSON");
        }
    }

    /**
     * An error object sent in place of a chunk. Its {@code code} is used as the status when it is an
     * HTTP status; otherwise it counts as a server error (500), since the request itself was accepted.
     */
    private GatewayException inStreamError(ChatCompletion chunk, String data) {
        int status = 500;
        try {
            JsonNode code = reader.readTree(data).path("code");
            int value = code.isInt() ? code.asInt() : code.isTextual() ? Integer.parseInt(code.asText()) : 0;
            if (value >= 400 && value <= 599) {
                status = value;
            }
        } catch (Exception ignored) {
            // a non-numeric code is not a status
        }
        return UpstreamErrors.fromStatus(provider, status, MistralErrorParser.messageOf(chunk.message(), chunk.type()),
                null, null, perRequestKey);
    }
}
