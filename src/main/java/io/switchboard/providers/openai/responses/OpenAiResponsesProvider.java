package io.switchboard.providers.openai.responses;

import java.net.URI;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.upstream.GenericErrorParser;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Type {@code openai} with {@code api=responses}: {@code /v1/generate} and {@code /v1/stream} go to OpenAI's
 * Responses API ({@code POST {base-url}/responses}, Bearer key), whose reasoning items carry encrypted state that
 * goes back with the conversation; embeddings are the Chat Completions provider's, as the API is the same.
 */
public final class OpenAiResponsesProvider extends ConfiguredProvider {

    static final String PATH = "/responses";

    private final Secret configuredKey;
    private final ObjectMapper json;
    private final WireCalls calls;
    private final ObjectReader streamEvents;
    private final OpenAiResponsesRequestMapper requests;
    private final WireCalls.Answer<Response> answer;
    private final Provider embeddings;

    private OpenAiResponsesProvider(ProviderSetup setup, URI baseUrl, Predicate<String> reasoningModel,
            Provider embeddings) {
        super(setup, null);
        this.configuredKey = setup.apiKey();
        this.json = setup.json();
        // OpenAI's error envelope, {"error": {"message", "type", "code"}}, the same as on Chat Completions
        this.calls = setup.calls(baseUrl, new GenericErrorParser(json));
        this.streamEvents = json.readerFor(Response.StreamEvent.class);
        this.requests = new OpenAiResponsesRequestMapper(json, setup.keys(OpenAiResponsesConfig.KEYS).reasoningSummary(),
                reasoningModel);
        this.answer = new WireCalls.Answer<>(json.readerFor(Response.class), "the body is not a response",
                new OpenAiResponsesResponseMapper(setup.name(), json)::toResponse);
        this.embeddings = embeddings;
    }

    /**
     * @param reasoningModel whether a model name is a reasoning model's (which takes no temperature)
     * @param embeddings the provider whose embeddings this one serves
     */
    public static OpenAiResponsesProvider create(ProviderSetup setup, URI baseUrl, Predicate<String> reasoningModel,
            Provider embeddings) {
        return new OpenAiResponsesProvider(setup, baseUrl, reasoningModel, embeddings);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> toUpstream(request, false), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> toUpstream(request, true),
                () -> new OpenAiResponsesStreamParser(name(), json, streamEvents, request.hasRequestKey()), answer);
    }

    private UpstreamRequest toUpstream(ProviderRequest request, boolean stream) {
        UpstreamRequest upstream = calls.post(PATH, requests.toWire(request, stream), request);
        String key = request.keyOr(configuredKey);
        if (key != null) {
            upstream.header("Authorization", "Bearer " + key);
        }
        return upstream;
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return embeddings.embed(embedding, request);
    }

    @Override
    public int maxEmbeddingInputs() {
        return embeddings.maxEmbeddingInputs();
    }
}
