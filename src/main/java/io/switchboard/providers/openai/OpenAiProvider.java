package io.switchboard.providers.openai;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.stream.ThinkTags;
import io.switchboard.upstream.UpstreamRequest;

/**
 * A Chat Completions backend ({@code openai}, {@code azure}, {@code vllm}, and any
 * OpenAI-compatible server behind them): {@code /v1/generate} uses the non-streaming call,
 * {@code /v1/stream} the streaming one, embeddings OpenAI's {@code /embeddings}.
 */
public final class OpenAiProvider extends ConfiguredProvider {

    private final OpenAiDialect dialect;
    private final Secret configuredKey;
    private final ObjectMapper json;
    private final WireCalls calls;
    private final ObjectReader completionReader;
    private final ObjectReader embeddingsReader;
    private final OpenAiRequestMapper requests;
    private final WireCalls.Answer<ChatCompletion> answer;
    private final ThinkTags thinkTags;

    private OpenAiProvider(ProviderSetup setup, OpenAiDialect dialect, URI baseUrl) {
        super(setup, null);
        this.dialect = dialect;
        this.configuredKey = setup.apiKey();
        this.json = setup.json();
        this.calls = setup.calls(baseUrl, new OpenAiErrorParser(json));
        this.completionReader = json.readerFor(ChatCompletion.class);
        this.embeddingsReader = json.readerFor(OpenAiEmbeddings.Response.class);
        this.requests = new OpenAiRequestMapper(dialect, setup);
        this.thinkTags = setup.thinkTags(dialect.thinkTagsDefault());
        this.answer = new WireCalls.Answer<>(completionReader, "the body is not a chat completion",
                new OpenAiResponseMapper(json, thinkTags)::toResponse);
    }

    /** A provider of the dialect's type; the factory has checked the keys its type requires. */
    public static OpenAiProvider create(ProviderSetup setup, OpenAiDialect dialect, URI baseUrl) {
        return new OpenAiProvider(setup, dialect, baseUrl);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> toUpstream(request, false), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> toUpstream(request, true),
                () -> new OpenAiStreamParser(name(), json, completionReader, thinkTags), answer);
    }

    private UpstreamRequest toUpstream(ProviderRequest request, boolean stream) {
        return authorized(calls.post(dialect.path().apply(request.model(), OpenAiDialect.CHAT_COMPLETIONS),
                requests.toWire(request, stream), request), request);
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return calls.<OpenAiEmbeddings.Response> send(() -> authorized(calls.post(
                dialect.path().apply(request.model(), OpenAiEmbeddings.PATH),
                OpenAiEmbeddings.toWire(embedding, request.model()), request), request), embeddingsReader,
                "the body is not an embeddings list")
                .map(response -> OpenAiEmbeddings.toResponse(response, name(), embedding.inputs().size()));
    }

    @Override
    public int maxEmbeddingInputs() {
        return OpenAiEmbeddings.MAX_INPUTS;
    }

    private UpstreamRequest authorized(UpstreamRequest upstream, ProviderRequest request) {
        String key = request.keyOr(configuredKey);
        if (key != null) {
            switch (dialect.auth()) {
                case BEARER -> upstream.header("Authorization", "Bearer " + key);
                case API_KEY_HEADER -> upstream.header("api-key", key);
            }
        }
        return upstream;
    }
}
