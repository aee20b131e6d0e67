package io.switchboard.providers.gemini;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.TokenCount;
import io.switchboard.gateway.spi.WireCalls;
import io.switchboard.providers.gemini.GeminiWire.CountTokensResponse;
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Gemini over REST: {@code POST /v1beta/models/{model}:generateContent} for generate (the
 * non-streaming call, as for every backend), {@code :streamGenerateContent?alt=sse} for stream,
 * {@code :batchEmbedContents} for embeddings. The key goes only in the {@code x-goog-api-key}
 * header, never in the URL, where it would end up in access logs.
 */
final class GeminiProvider extends ConfiguredProvider {

    private static final String API_KEY_HEADER = "x-goog-api-key";

    private final Secret apiKey;
    private final WireCalls calls;
    private final GeminiRequestMapper mapper;
    private final ObjectMapper json;
    private final ObjectReader responseReader;
    private final ObjectReader embeddingsReader;
    private final WireCalls.Answer<GenerateContentResponse> answer;
    private final ObjectReader countReader;

    GeminiProvider(ProviderSetup setup, Secret apiKey, WireCalls calls, GeminiRequestMapper mapper) {
        super(setup, GeminiProviderFactory.TYPE.defaultModel());
        this.apiKey = apiKey;
        this.calls = calls;
        this.mapper = mapper;
        this.json = setup.json();
        this.responseReader = json.readerFor(GenerateContentResponse.class);
        this.embeddingsReader = json.readerFor(GeminiEmbeddings.BatchResponse.class);
        this.answer = new WireCalls.Answer<>(responseReader, "the body is not a GenerateContentResponse",
                GeminiResponseMapper::toResponse);
        this.countReader = json.readerFor(CountTokensResponse.class);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return calls.send(() -> upstreamRequest(request, ":generateContent"), answer);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return calls.stream(() -> upstreamRequest(request, ":streamGenerateContent?alt=sse"),
                () -> new GeminiStreamParser(responseReader, name(), request.hasRequestKey()), answer);
    }

    /**
     * Gemini's own count, {@code POST /v1beta/models/{model}:countTokens}, of the whole generateContent request the
     * same call would send (a {@code generateContentRequest}, so that the system instruction and the tools are
     * counted too, which a bare {@code contents} would leave out).
     */
    @Override
    public Uni<TokenCount> countTokens(ProviderRequest request) {
        return calls.<CountTokensResponse> send(() -> {
            String model = pathSegment(model(request));
            ObjectNode generateContent = json.valueToTree(mapper.toWire(request));
            generateContent.put("model", "models/" + model);
            ObjectNode body = json.createObjectNode();
            body.set("generateContentRequest", generateContent);
            return calls.post("/v1beta/models/" + model + ":countTokens", body, request)
                    .header(API_KEY_HEADER, request.keyOr(apiKey));
        }, countReader, "an answer that is not a CountTokensResponse").map(count -> {
            if (count.totalTokens() == null) {
                throw UpstreamErrors.malformed(name(), "a token count without totalTokens");
            }
            return TokenCount.exact(count.totalTokens());
        });
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return calls.<GeminiEmbeddings.BatchResponse> send(() -> upstreamRequest(request, GeminiEmbeddings.METHOD,
                GeminiEmbeddings.toWire(embedding, request.model(), name())), embeddingsReader,
                "the body is not a BatchEmbedContentsResponse")
                .map(response -> GeminiEmbeddings.toResponse(response, name(), embedding.inputs().size()));
    }

    @Override
    public int maxEmbeddingInputs() {
        return GeminiEmbeddings.MAX_INPUTS;
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, String method) {
        return upstreamRequest(request, method, mapper.toWire(request));
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, String method, Object wire) {
        String path = "/v1beta/models/" + pathSegment(model(request)) + method;
        return calls.post(path, wire, request)
                .header(API_KEY_HEADER, request.keyOr(apiKey));
    }

    private String model(ProviderRequest request) {
        return request.model() != null ? request.model() : defaultModel();
    }

    /** The model as one path segment: a "models/" prefix is dropped, anything else unusual is percent-encoded. */
    static String pathSegment(String model) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
