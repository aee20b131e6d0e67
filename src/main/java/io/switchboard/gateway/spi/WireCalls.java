package io.switchboard.gateway.spi;

import java.io.IOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * The skeleton of every network provider's call: the wire body written as JSON and posted through
 * the provider's {@link UpstreamHttp}; the answer read as the backend's wire type, or the streamed
 * body driven through the provider's {@link ChunkParser}. Failures are mapped one way for all: a
 * body that cannot be written is the gateway's own internal error, an answer that cannot be read
 * (or is JSON {@code null}) is the backend's malformed answer. Nothing runs before subscription, so a
 * client's hang-up cancels the upstream call.
 */
public record WireCalls(String provider, UpstreamHttp http, ObjectMapper json) {

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

    /** The streaming call's events, parsed by a parser made for this one call. */
    public Multi<StreamEvent> stream(Supplier<UpstreamRequest> request, Supplier<? extends ChunkParser<?>> parser) {
        return Multi.createFrom().deferred(() -> ChunkParser.events(http.stream(request.get()), parser.get()));
    }

    /** As {@link #stream(Supplier, Supplier)}, for a request that needs asynchronous work first. */
    public Multi<StreamEvent> stream(Uni<UpstreamRequest> request, Supplier<? extends ChunkParser<?>> parser) {
        return Multi.createFrom().deferred(
                () -> ChunkParser.events(request.onItem().transformToMulti(http::stream), parser.get()));
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
