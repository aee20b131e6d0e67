package io.switchboard.providers.anthropic;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.spi.ConfiguredProvider;
import io.switchboard.core.spi.ProviderRequest;
import io.switchboard.core.spi.Secret;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ChunkParser;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.switchboard.upstream.UpstreamResponse;
import io.vertx.core.buffer.Buffer;

/**
 * Type {@code anthropic}: the Messages API, {@code POST {base-url}/v1/messages}. Generate uses the
 * non-streaming call, stream the SSE one.
 */
final class AnthropicProvider extends ConfiguredProvider {

    static final String PATH = "/v1/messages";
    static final String VERSION_HEADER = "anthropic-version";

    private final Secret apiKey;
    /** Null when {@code headers.anthropic-version} is configured: the configured value then goes out. */
    private final String version;
    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final AnthropicRequestMapper mapper;

    AnthropicProvider(String name, String model, Secret apiKey, String version, UpstreamHttp http, ObjectMapper json,
            AnthropicRequestMapper mapper) {
        super(name, AnthropicProviderFactory.TYPE, model);
        this.apiKey = apiKey;
        this.version = version;
        this.http = http;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return Uni.createFrom().deferred(() -> http.send(toUpstream(request, false)))
                .onItem().transform(this::toResponse);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return Multi.createFrom().deferred(() -> {
            AnthropicStreamParser parser = new AnthropicStreamParser(name(), json, request.hasRequestKey());
            return ChunkParser.events(http.stream(toUpstream(request, true)), parser);
        });
    }

    private UpstreamRequest toUpstream(ProviderRequest request, boolean stream) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(mapper.toWire(request, stream));
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("could not write the anthropic request body");
        }
        return UpstreamRequest.post(PATH, Buffer.buffer(body), request.hasRequestKey())
                .header("x-api-key", request.keyOr(apiKey))
                .header(VERSION_HEADER, version);
    }

    private AIResponse toResponse(UpstreamResponse response) {
        AnthropicWire.Message message;
        try {
            message = json.readValue(response.body().getBytes(), AnthropicWire.Message.class);
        } catch (IOException e) {
            throw UpstreamErrors.malformed(name(), "an answer that is not a Messages API message");
        }
        if (message == null) {
            throw UpstreamErrors.malformed(name(), "an empty answer");
        }
        return AnthropicResponseMapper.toResponse(message);
    }
}
