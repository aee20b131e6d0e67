package io.switchboard.providers.ollama;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.providers.ollama.OllamaRequestMapper.RemoteImage;
import io.switchboard.providers.ollama.OllamaWire.ChatResponse;
import io.switchboard.stream.ThinkTags;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Type {@code ollama}: Ollama's native {@code POST {base-url}/api/chat}, and {@code /api/embed} for embeddings. No
 * auth by default; a configured (or per-request) key is sent as Bearer, for deployments behind a proxy.
 */
final class OllamaProvider extends ConfiguredProvider {

    static final String PATH = "/api/chat";

    private final Secret apiKey;
    private final WireCalls calls;
    private final ObjectMapper json;
    private final ObjectReader responseReader;
    private final ObjectReader embeddingsReader;
    private final Object keepAlive;
    private final OllamaRequestMapper requests;
    private final OllamaResponseMapper responses;
    private final WireCalls.Answer<ChatResponse> answer;
    private final OllamaImageFetcher images;
    private final ThinkTags thinkTags;

    /**
     * @param apiKey the configured key, or null
     * @param thinkTags the {@code <think>} options for content
     * @param images the fetcher for https images, or null when {@code fetch-images} is off
     * @param keepAlive the configured {@code keep-alive}, or null
     */
    OllamaProvider(ProviderSetup setup, Secret apiKey, WireCalls calls, ThinkTags thinkTags,
            OllamaImageFetcher images, String keepAlive) {
        super(setup, OllamaProviderFactory.TYPE.defaultModel());
        this.apiKey = apiKey;
        this.calls = calls;
        this.json = setup.json();
        this.responseReader = json.readerFor(ChatResponse.class);
        this.embeddingsReader = json.readerFor(OllamaEmbeddings.Response.class);
        this.keepAlive = OllamaRequestMapper.toKeepAlive(keepAlive);
        this.thinkTags = thinkTags;
        this.images = images;
        this.requests = new OllamaRequestMapper(setup.name(), keepAlive);
        this.responses = new OllamaResponseMapper(json, thinkTags);
        this.answer = new WireCalls.Answer<>(responseReader, "the body is not an /api/chat answer",
                responses::toResponse);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(upstreamRequest(request, false), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(upstreamRequest(request, true), () -> new OllamaStreamParser(name(), responseReader,
                responses, thinkTags.newSplitter(), request.hasRequestKey()), answer);
    }

    /** No documented maximum of inputs per call: a batch goes whole. */
    @Override
    public int maxEmbeddingInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return calls.<OllamaEmbeddings.Response> send(() -> {
            String key = request.keyOr(apiKey);
            return calls.post(OllamaEmbeddings.PATH,
                    OllamaEmbeddings.toWire(embedding, request.model(), keepAlive, name()), request)
                    .header("Authorization", key == null ? null : "Bearer " + key);
        }, embeddingsReader, "the body is not an /api/embed answer")
                .map(response -> OllamaEmbeddings.toResponse(response, name(), embedding.inputs().size()));
    }

    /** The request, once the images it links to are fetched. */
    private Uni<UpstreamRequest> upstreamRequest(ProviderRequest request, boolean stream) {
        return remoteImages(request).map(fetched -> upstreamRequest(request, stream, fetched));
    }

    /** Ollama takes images only inline: https images are fetched first when allowed, else refused naming the field. */
    private Uni<Map<String, String>> remoteImages(ProviderRequest request) {
        return Uni.createFrom().deferred(() -> {
            List<RemoteImage> remote = OllamaRequestMapper.remoteImages(request.context());
            if (remote.isEmpty()) {
                return Uni.createFrom().item(Map.<String, String> of());
            }
            if (images == null) {
                return Uni.createFrom().failure(GatewayException.invalidRequest(remote.get(0).field()
                        + ": Ollama takes images only inline; send a data: URI, or enable fetch-images for provider "
                        + name()));
            }
            return images.fetchAll(remote, request.memo());
        });
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, boolean stream, Map<String, String> fetched) {
        String key = request.keyOr(apiKey);
        return calls.post(PATH, requests.toWire(request, stream, fetched), request)
                .header("Authorization", key == null ? null : "Bearer " + key);
    }
}
