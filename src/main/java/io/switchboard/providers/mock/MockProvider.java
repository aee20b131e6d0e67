package io.switchboard.providers.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.stream.ToolCallIds;

/**
 * Serves its scripts round-robin. The stream splits text and thinking into several deltas at word
 * boundaries. Usage counts whitespace-separated words, a stand-in for tokens. Stop sequences are
 * honoured (the answer ends before the first one met, naming it); tool choice is not, as a script's
 * tool calls are fixed. A JSON response format is answered with JSON ({@link MockJson}).
 */
final class MockProvider extends ConfiguredProvider {

    /** Roughly the size of an LLM token stream's deltas. */
    private static final int DELTA_CHARS = 12;

    private final List<MockScript> scripts;
    private final ObjectMapper json;
    private final AtomicLong next = new AtomicLong();

    MockProvider(ProviderSetup setup, List<MockScript> scripts) {
        super(setup, MockProviderFactory.TYPE.defaultModel());
        this.scripts = List.copyOf(scripts);
        this.json = setup.json();
    }

    private MockScript nextScript() {
        return scripts.get((int) (next.getAndIncrement() % scripts.size()));
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return Uni.createFrom().deferred(() -> {
            MockScript script = nextScript();
            if (script.error() != null) {
                return Uni.createFrom().failure(failure(script.error()));
            }
            String stop = script.firstStop(request.context().stopSequences());
            script = stop == null ? script : script.cutAt(stop);
            ObjectNode metadata = finish(script, stop);
            AIResponse response = new AIResponse(content(script, request), script.thinking(), null, script.finishReason(),
                    usage(request.context(), script), withIds(script.toolCalls()), metadata);
            Uni<AIResponse> answer = Uni.createFrom().item(response);
            return script.delayMillis() > 0 ? answer.onItem().delayIt().by(Duration.ofMillis(script.delayMillis())) : answer;
        });
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return Multi.createFrom().deferred(() -> {
            MockScript scripted = nextScript();
            String stop = scripted.firstStop(request.context().stopSequences());
            MockScript script = stop == null ? scripted : scripted.cutAt(stop);
            List<StreamEvent> events = new ArrayList<>();
            if (script.thinking() != null) {
                for (String piece : split(script.thinking())) {
                    events.add(new ThinkingDelta(piece));
                }
            }
            for (String piece : split(content(script, request))) {
                events.add(new TextDelta(piece));
            }
            for (ToolCall call : withIds(script.toolCalls())) {
                events.add(ToolCallEvent.of(call));
            }
            events.add(new Done(script.finishReason(), usage(request.context(), script), finish(script, stop)));
            Multi<StreamEvent> stream = Multi.createFrom().iterable(events);
            if (script.error() != null) {
                stream = Multi.createFrom().iterable(events.subList(0, Math.min(script.error().after(), events.size() - 1)))
                        .onCompletion().failWith(() -> failure(script.error()));
            }
            if (script.delayMillis() > 0) {
                // one event per tick, like a model producing tokens
                Duration pause = Duration.ofMillis(script.delayMillis());
                stream = stream.onItem().call(event -> Uni.createFrom().voidItem().onItem().delayIt().by(pause));
            }
            return stream;
        });
    }

    /** The script's content, as JSON when the request asks for a JSON format ({@link MockJson}). */
    private String content(MockScript script, ProviderRequest request) {
        return MockJson.answer(script.content(), request.context().responseFormat(), json);
    }

    /** The mock embeds any batch whole. */
    @Override
    public int maxEmbeddingInputs() {
        return Integer.MAX_VALUE;
    }

    /** Deterministic vectors ({@link MockEmbeddings}); a script's scripted error fails the call as it fails a chat. */
    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return Uni.createFrom().deferred(() -> {
            MockScript script = nextScript();
            if (script.error() != null) {
                return Uni.createFrom().failure(failure(script.error()));
            }
            return Uni.createFrom().item(MockEmbeddings.embed(embedding));
        });
    }

    /** The finish as a backend reports it: a met stop sequence is named, as Anthropic names it. */
    private static ObjectNode finish(MockScript script, String stop) {
        return AnswerMetadata.of(stop == null ? script.finishReason().wireName() : "stop_sequence", null, stop);
    }

    private GatewayException failure(MockScript.ScriptedError error) {
        return UpstreamErrors.fromStatus(name(), error.status(), error.message(), null, null, false);
    }

    /** Splits text into deltas of about {@link #DELTA_CHARS} characters, cut after a space where possible. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + DELTA_CHARS);
            int space = text.lastIndexOf(' ', end - 1);
            if (end < text.length() && space >= start + 1) {
                end = space + 1;
            }
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static List<ToolCall> withIds(List<ToolCall> calls) {
        Set<String> seen = new HashSet<>();
        List<ToolCall> result = new ArrayList<>();
        for (ToolCall call : calls) {
            String id = call.id() != null && seen.add(call.id()) ? call.id() : ToolCallIds.generate();
            seen.add(id);
            result.add(new ToolCall(id, call.name(), call.arguments().deepCopy(), call.metadata().deepCopy()));
        }
        return result;
    }

    private static Usage usage(AIContext context, MockScript script) {
        int input = words(context.systemPrompt());
        for (AIMessage message : context.messages()) {
            input += words(message.text());
        }
        int output = words(script.content()) + words(script.thinking());
        return new Usage(input, output);
    }

    static int words(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return text.strip().split("\\s+").length;
    }
}
