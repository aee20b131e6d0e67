package io.switchboard.providers.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.TokenCount;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Type {@code anthropic}: the Messages API, {@code POST {base-url}/v1/messages}. Generate uses the
 * non-streaming call, stream the SSE one.
 */
final class AnthropicProvider extends ConfiguredProvider {

    static final String PATH = "/v1/messages";
    static final String VERSION_HEADER = "anthropic-version";
    static final String COUNT_TOKENS_PATH = "/v1/messages/count_tokens";
    static final String BETA_HEADER = "anthropic-beta";
    /** The beta that {@code output_format} needs. */
    static final String STRUCTURED_OUTPUTS_BETA = "structured-outputs-2025-11-13";

    private final Secret apiKey;
    /** Null when {@code headers.anthropic-version} is configured: the configured value then goes out. */
    private final String version;
    private final WireCalls calls;
    private final ObjectMapper json;
    private final WireCalls.Answer<AnthropicWire.Message> answer;
    private final ObjectReader streamEventReader;
    private final ObjectReader tokenCountReader;
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
        this.tokenCountReader = json.readerFor(AnthropicWire.TokenCount.class);
        this.mapper = mapper;
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> toUpstream(request, false), answer(request));
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> toUpstream(request, true),
                () -> new AnthropicStreamParser(name(), json, streamEventReader, request.hasRequestKey(),
                        mapper.formatTool(request.context())),
                answer(request));
    }

    /** How a whole answer is read: with a JSON format, the format tool's input is the answer's text. */
    private WireCalls.Answer<AnthropicWire.Message> answer(ProviderRequest request) {
        String formatTool = mapper.formatTool(request.context());
        if (formatTool == null) {
            return answer;
        }
        return new WireCalls.Answer<>(answer.reader(), answer.expected(),
                message -> AnthropicFormatTool.toAnswer(AnthropicResponseMapper.toResponse(message), formatTool));
    }

    /**
     * Anthropic's own count, {@code POST /v1/messages/count_tokens}, with the client's {@code anthropic-beta}
     * passed on (a beta can change what is counted, e.g. a tool type only a beta knows).
     */
    @Override
    public Uni<TokenCount> countTokens(ProviderRequest request) {
        return calls.<AnthropicWire.TokenCount> send(() -> {
            UpstreamRequest upstream = calls.post(COUNT_TOKENS_PATH, mapper.toCountWire(request), request)
                    .header("x-api-key", request.keyOr(apiKey))
                    .header(VERSION_HEADER, version);
            List<String> betas = request.inbound().headers().getAll(BETA_HEADER);
            return betas.isEmpty() ? upstream : upstream.header(BETA_HEADER, String.join(",", betas));
        }, tokenCountReader, "an answer that is not a token count").map(this::toTokenCount);
    }

    private TokenCount toTokenCount(AnthropicWire.TokenCount count) {
        if (count.inputTokens() == null) {
            throw UpstreamErrors.malformed(name(), "a token count without input_tokens");
        }
        return TokenCount.exact(count.inputTokens());
    }

    private UpstreamRequest toUpstream(ProviderRequest request, boolean stream) {
        UpstreamRequest upstream = calls.post(PATH, mapper.toWire(request, stream), request)
                .header("x-api-key", request.keyOr(apiKey))
                .header(VERSION_HEADER, version);
        return mapper.sendsOutputFormat(request.context()) ? upstream.header(BETA_HEADER, STRUCTURED_OUTPUTS_BETA)
                : upstream;
    }
}
