package io.switchboard.providers.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ToolCall;
import io.switchboard.providers.gemini.GeminiWire.FunctionCall;
import io.switchboard.stream.ToolArguments;

/**
 * Collects the {@code functionCall} parts of one answer. Gemini sends each call whole, but a stream
 * may repeat the same call in several chunks: an identical name and args is
 * the same call, which keeps whichever emission carried the thought signature. Distinct args stay
 * distinct calls. Ids are Gemini's when it gave one, else generated. Few calls per
 * answer, so a list scan is the cheapest lookup.
 */
final class GeminiToolCalls {

    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry {
        final FunctionCall call;
        final JsonNode args;
        String signature;

        Entry(FunctionCall call, JsonNode args, String signature) {
            this.call = call;
            this.args = args;
            this.signature = signature;
        }
    }

    void add(FunctionCall call, String signature) {
        JsonNode args = call.args() == null || call.args().isNull() ? null : call.args();
        for (Entry entry : entries) {
            // ObjectNode equality ignores key order, as "same call" should
            if (entry.call.name().equals(call.name()) && Objects.equals(entry.args, args)
                    && (entry.call.id() == null || call.id() == null || entry.call.id().equals(call.id()))) {
                if (entry.signature == null) {
                    entry.signature = signature;
                }
                return;
            }
        }
        entries.add(new Entry(call, args, signature));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<ToolCall> toToolCalls() {
        List<ToolCall> calls = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            ToolCall call = ToolArguments.fromObject(entry.call.id(), entry.call.name(), entry.args);
            ObjectNode metadata = call.metadata();
            if (entry.signature != null) {
                metadata.put(GeminiRequestMapper.THOUGHT_SIGNATURE, entry.signature);
            }
            if (entry.call.id() != null && !entry.call.id().isBlank()) {
                metadata.put(GeminiRequestMapper.GEMINI_CALL_ID, entry.call.id());
            }
            calls.add(call);
        }
        return calls;
    }
}
