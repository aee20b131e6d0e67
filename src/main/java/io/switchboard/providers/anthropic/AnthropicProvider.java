package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.upstream.UpstreamRequest;

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
    private final WireCalls calls;
    private final ObjectMapper json;
    private final WireCalls.Answer<AnthropicWire.Message> answer;
    private final ObjectReader streamEventReader;
    private final AnthropicRequestMapper mapper;

    AnthropicProvider(ProviderSetup setup, Secret apiKey, String version, WireCalls calls,
            AnthropicRequestMapper mapper) {
        super(setup, null);
        this.apiKey = apiKey;
        this.version = version;
        this.calls = calls;
        this.json = setup.json();
        this.answer = new WireCalls.Answer<>(json.readerFor(AnthropicWire.Message.class),
                "an answer that is not a Messages API message", AnthropicResponseMapper::toResponse);
        this.streamEventReader = json.readerFor(AnthropicWire.StreamEvent.class);
        this.mapper = mapper;
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> toUpstream(request, false), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> toUpstream(request, true),
                () -> new AnthropicStreamParser(name(), json, streamEventReader, request.hasRequestKey()), answer);
    }

    private UpstreamRequest toUpstream(ProviderRequest request, boolean stream) {
        return calls.post(PATH, mapper.toWire(request, stream), request)
                .header("x-api-key", request.keyOr(apiKey))
                .header(VERSION_HEADER, version);
    }
}
