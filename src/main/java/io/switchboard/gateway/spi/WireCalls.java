package io.switchboard.gateway.spi;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.AnswerEvents;
import io.switchboard.stream.ChunkParser;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * The skeleton of every network provider's call: the wire body written as JSON and posted through
 * the provider's {@link UpstreamHttp}; the answer read as the backend's wire type, or the streamed
 * body driven through the provider's {@link ChunkParser}. A stream request that the backend answered
 * with a whole JSON answer (an OpenAI-compatible server that ignores {@code stream: true}) is read as
 * the non-streaming answer is and streamed as its events. Failures are mapped one way for all: a
 * body that cannot be written is the gateway's own internal error, an answer that cannot be read
 * (or is JSON {@code null}) is the backend's malformed answer, which no retry mends. Nothing runs
 * before subscription, so a client's hang-up cancels the upstream call.
 */
public record WireCalls(String provider, UpstreamHttp http, ObjectMapper json) {

    /**
     * How a provider reads a whole answer, whichever call it came to: its wire type's reader, what the
     * body should have been (for the error when it is not), and the mapping to the neutral answer.
     */
    public record Answer<T>(ObjectReader reader, String expected, Function<T, AIResponse> mapper) {
    }

    /** A POST of {@code wire} as JSON to {@code path}; the provider adds its auth headers. */
    public UpstreamRequest post(String path, Object wire, ProviderRequest request) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            // the wire records always serialise: a failure here is the gateway's bug, not the caller's
            throw GatewayException.internal("could not write the " + provider + " request body");
        }
        return UpstreamRequest.post(path, Buffer.buffer(body), request.hasRequestKey(), request.inbound().exchange());
    }

    /** The non-streaming call's answer read by {@code reader}; {@code expected} says what it should have been. */
    public <T> Uni<T> send(Supplier<UpstreamRequest> request, ObjectReader reader, String expected) {
        return send(Uni.createFrom().item(request), reader, expected);
    }

    /** As {@link #send(Supplier, ObjectReader, String)}, for a request that needs asynchronous work first. */
    public <T> Uni<T> send(Uni<UpstreamRequest> request, ObjectReader reader, String expected) {
        return request.chain(http::send).map(response -> read(response.body(), reader, expected));
    }

    /** The non-streaming call's answer, read and mapped as {@code answer} says. */
    public <T> Uni<AIResponse> send(Supplier<UpstreamRequest> request, Answer<T> answer) {
        return this.<T> send(request, answer.reader(), answer.expected()).map(answer.mapper());
    }

    /** As {@link #send(Supplier, Answer)}, for a request that needs asynchronous work first. */
    public <T> Uni<AIResponse> send(Uni<UpstreamRequest> request, Answer<T> answer) {
        return this.<T> send(request, answer.reader(), answer.expected()).map(answer.mapper());
    }

    /**
     * The streaming call's events, parsed by a parser made for this one call; a whole answer instead of a
     * stream is read as {@code whole} says.
     */
    public Multi<StreamEvent> stream(Supplier<UpstreamRequest> request, Supplier<? extends ChunkParser<?>> parser,
            Answer<?> whole) {
        return Multi.createFrom().deferred(() -> {
            ChunkParser<?> events = parser.get();
            return ChunkParser.events(http.stream(request.get(), wholeAnswer(events, whole)), events);
        });
    }

    /** As {@link #stream(Supplier, Supplier, Answer)}, for a request that needs asynchronous work first. */
    public Multi<StreamEvent> stream(Uni<UpstreamRequest> request, Supplier<? extends ChunkParser<?>> parser,
            Answer<?> whole) {
        return Multi.createFrom().deferred(() -> {
            ChunkParser<?> events = parser.get();
            Runnable wholeAnswer = wholeAnswer(events, whole);
            return ChunkParser.events(request.onItem().transformToMulti(upstream -> http.stream(upstream, wholeAnswer)),
                    events);
        });
    }

    /** Switches {@code events} to a whole answer, read as {@code whole} says. */
    private Runnable wholeAnswer(ChunkParser<?> events, Answer<?> whole) {
        return () -> events.wholeAnswer(body -> AnswerEvents.of(read(body, whole)));
    }

    private <T> AIResponse read(Buffer body, Answer<T> answer) {
        return answer.mapper().apply(read(body, answer.reader(), answer.expected()));
    }

    private <T> T read(Buffer body, ObjectReader reader, String expected) {
        T value;
        try {
            value = reader.readValue(body.getBytes());
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, expected);
        }
        if (value == null) {
            throw UpstreamErrors.malformed(provider, "an empty answer");
        }
        return value;
    }
}
