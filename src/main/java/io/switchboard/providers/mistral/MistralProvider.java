package io.switchboard.providers.mistral;

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
import io.switchboard.providers.mistral.MistralWire.ChatCompletion;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolCallAssembler;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Type {@code mistral}: {@code POST {base-url}/v1/chat/completions} (embeddings: {@code /v1/embeddings}) with Bearer
 * auth.
 */
final class MistralProvider extends ConfiguredProvider {

    static final String PATH = "/v1/chat/completions";

    private final Secret apiKey;
    private final WireCalls calls;
    private final ObjectMapper json;
    private final ObjectReader completionReader;
    private final ObjectReader embeddingsReader;
    private final MistralRequestMapper requests;
    private final WireCalls.Answer<ChatCompletion> answer;
    private final ThinkTags thinkTags;

    /** @param thinkTags the {@code <think>} options for string content */
    MistralProvider(ProviderSetup setup, Secret apiKey, WireCalls calls, ThinkTags thinkTags) {
        super(setup, MistralProviderFactory.TYPE.defaultModel());
        this.apiKey = apiKey;
        this.calls = calls;
        this.json = setup.json();
        this.completionReader = json.readerFor(ChatCompletion.class);
        this.embeddingsReader = json.readerFor(MistralEmbeddings.Response.class);
        this.thinkTags = thinkTags;
        this.requests = new MistralRequestMapper(json);
        this.answer = new WireCalls.Answer<>(completionReader, "the body is not a chat completion",
                new MistralResponseMapper(json, thinkTags)::toResponse);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> upstreamRequest(request, false), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> upstreamRequest(request, true),
                () -> new MistralStreamParser(name(), completionReader, thinkTags.newSplitter(),
                        new ToolCallAssembler(json), request.hasRequestKey()),
                answer);
    }

    /** No documented maximum of inputs per call: a batch goes whole. */
    @Override
    public int maxEmbeddingInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return calls.<MistralEmbeddings.Response> send(
                () -> calls.post(MistralEmbeddings.PATH, MistralEmbeddings.toWire(embedding, request.model(), name()),
                        request).header("Authorization", "Bearer " + request.keyOr(apiKey)),
                embeddingsReader, "the body is not an embeddings list")
                .map(response -> MistralEmbeddings.toResponse(response, name(), embedding.inputs().size()));
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, boolean stream) {
        return calls.post(PATH, requests.toWire(request, stream), request)
                .header("Authorization", "Bearer " + request.keyOr(apiKey))
                .header("Accept", stream ? "text/event-stream" : "application/json");
    }
}
