package io.switchboard.providers.mistral;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.mistral.MistralWire.ChatCompletion;
import io.switchboard.providers.mistral.MistralWire.Choice;
import io.switchboard.providers.mistral.MistralWire.ResponseToolCall;
import io.switchboard.stream.DoneMarkerParser;
import io.switchboard.stream.SseFrame;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ToolCallAssembler;

/**
 * Parses one Mistral SSE stream. Text and thinking go out as soon as they are parsed: list content
 * (magistral's thinking and text chunks) directly, string content through the {@code <think>}
 * parser. Tool calls are assembled by slot and go out, complete, with {@code done} at
 * {@code data: [DONE]}.
 * <p>
 * State: the decoder's partial frame, the {@code <think>} parser's held text, the open tool calls
 * (and which slot each wire index or id maps to), the last finish reason and usage, the first model named, and whether the
 * terminal frame was seen. One instance per request; not thread-safe.
 */
final class MistralStreamParser extends DoneMarkerParser {

    private final ObjectReader reader;
    private final ThinkTagSplitter splitter;
    private final boolean perRequestKey;
    private final ToolCallAssembler calls;
    private final Map<Integer, Integer> slotOfIndex = new HashMap<>();
    private final Map<String, Integer> slotOfId = new HashMap<>();
    private final Map<Integer, String> idOfSlot = new HashMap<>();
    private int nextSlot;
    private int lastSlot = -1;
    private Usage usage = Usage.NONE;
    private String model;

    /** @param splitter the {@code <think>} parser for string content */
    MistralStreamParser(String provider, ObjectReader reader, ThinkTagSplitter splitter,
            ToolCallAssembler calls, boolean perRequestKey) {
        super(provider);
        this.reader = reader;
        this.splitter = splitter;
        this.calls = calls;
        this.perRequestKey = perRequestKey;
    }

    @Override
    protected void onData(SseFrame frame, String data, List<StreamEvent> out) {
        ChatCompletion chunk = read(data);
        if (chunk.choices() == null && (chunk.message() != null || "error".equals(chunk.object()))) {
            throw inStreamError(chunk, data);
        }
        if (chunk.usage() != null) {
            usage = usage.merge(MistralResponseMapper.toUsage(chunk.usage()));
        }
        if (model == null) {
            model = chunk.model();
        }
        if (chunk.choices() == null || chunk.choices().isEmpty()) {
            return;
        }
        Choice choice = chunk.choices().get(0);
        if (choice.finishReason() != null) {
            finishReason(choice.finishReason());
        }
        if (choice.delta() == null) {
            return;
        }
        ThinkTagSplitter.Segments segments = ThinkTagSplitter.asEvents(out);
        String plain = MistralResponseMapper.readContent(choice.delta().content(), segments);
        if (plain != null && !plain.isEmpty()) {
            splitter.feed(plain, segments);
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
     * call (merging them would glue two calls' arguments into one invalid JSON text).
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

    @Override
    protected void complete(List<StreamEvent> out) {
        splitter.flush(ThinkTagSplitter.asEvents(out));
        for (ToolCall call : calls.completeAll()) {
            out.add(ToolCallEvent.of(call));
        }
        terminate(Done.of(MistralResponseMapper.toFinishReason(finishReason(), calls.hasCalls()), finishReason(), model,
                usage), out);
    }

    private ChatCompletion read(String data) {
        try {
            return reader.readValue(data);
        } catch (Exception e) {
            // A frame left unfinished when the body ended was cut off, not malformed.
            throw ending() ? UpstreamErrors.streamCut(provider)
                    : UpstreamErrors.malformed(provider, "a stream chunk is not JSON");
        }
    }

    /** An error object sent in place of a chunk: its {@code code} is a status when numeric, else a code. */
    private GatewayException inStreamError(ChatCompletion chunk, String data) {
        JsonNode node;
        try {
            node = reader.readTree(data).path("code");
        } catch (Exception e) {
            node = MissingNode.getInstance();
        }
        boolean numeric = node.isInt() || node.isTextual() && node.asText().matches("\\d{3}");
        Integer stated = numeric ? Integer.valueOf(node.asText()) : null;
        String code = numeric ? null : node.asText(null);
        return UpstreamErrors.fromStreamError(provider, stated, code, chunk.type(),
                MistralErrorParser.messageOf(chunk.message(), chunk.type()), null, perRequestKey);
    }
}
