package io.switchboard.stream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.ToolCall;

/**
 * Assembles streamed tool-call fragments into complete {@link ToolCall}s, keyed by the backend's
 * call index (the index-keyed accumulator of LangChain4j's {@code ToolCallBuilder}). Id and name
 * usually arrive once, arguments in pieces, and parallel calls interleave by index; a call is
 * emitted once, when its block closes ({@link #complete}) or the stream ends
 * ({@link #completeAll}).
 * <p>
 * State: {@code open} holds the calls still receiving fragments, in index order;
 * {@code completed} the indexes already emitted (late fragments for them are ignored, since a
 * call goes out once); {@code seenIds} every id of this response, backend-sent or issued, so that
 * issued ids are unique within the response. One instance per
 * response; not thread-safe.
 */
public final class ToolCallAssembler {

    private static final class OpenCall {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }

    private final ObjectMapper mapper;
    private final Supplier<String> newIds;
    private final Map<Integer, OpenCall> open = new TreeMap<>();
    private final Set<Integer> completed = new HashSet<>();
    private final Set<String> seenIds = new HashSet<>();
    private final Set<String> issuedIds = new HashSet<>();

    public ToolCallAssembler(ObjectMapper mapper) {
        this(mapper, ToolCallIds::generate);
    }

    /** Lets tests force an id collision, which random ids make practically impossible. */
    ToolCallAssembler(ObjectMapper mapper, Supplier<String> newIds) {
        this.mapper = mapper;
        this.newIds = newIds;
    }

    /**
     * Adds one fragment of the call at {@code index}. Null parts are ignored; an id or name fills
     * in a missing one and never replaces one already received.
     */
    public void fragment(int index, String id, String name, String argumentsFragment) {
        if (completed.contains(index)) {
            return;
        }
        OpenCall call = open.computeIfAbsent(index, i -> new OpenCall());
        if (isBlank(call.id) && !isBlank(id)) {
            call.id = id;
            seenIds.add(id);
        }
        if (isBlank(call.name) && !isBlank(name)) {
            call.name = name;
        }
        if (argumentsFragment != null) {
            call.arguments.append(argumentsFragment);
        }
    }

    /**
     * Finishes the call at {@code index}. Empty when no fragment came for it (e.g. the block
     * that closed held text) or when it was already completed.
     */
    public Optional<ToolCall> complete(int index) {
        OpenCall call = open.remove(index);
        if (call == null) {
            return Optional.empty();
        }
        completed.add(index);
        return Optional.of(ToolArguments.toToolCall(uniqueId(call.id), call.name, call.arguments.toString(), mapper));
    }

    /** Finishes every call not completed yet, in index order, e.g. at the end of the stream. */
    public List<ToolCall> completeAll() {
        List<ToolCall> calls = new ArrayList<>(open.size());
        for (Integer index : List.copyOf(open.keySet())) {
            complete(index).ifPresent(calls::add);
        }
        return calls;
    }

    /** Whether no tool call was seen in this response. */
    public boolean isEmpty() {
        return open.isEmpty() && completed.isEmpty();
    }

    /** Whether any tool call was seen in this response, completed or not. */
    public boolean hasCalls() {
        return !isEmpty();
    }

    /**
     * The backend's id unless an earlier call of this response already went out with it;
     * otherwise a generated id that no call of this response has used.
     */
    private String uniqueId(String backendId) {
        String id = backendId;
        if (isBlank(id) || issuedIds.contains(id)) {
            do {
                id = newIds.get();
            } while (seenIds.contains(id));
        }
        seenIds.add(id);
        issuedIds.add(id);
        return id;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
