package io.switchboard.providers.ollama;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.spi.ConfiguredProvider;
import io.switchboard.core.spi.ProviderRequest;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.ollama.OllamaRequestMapper.RemoteImage;
import io.switchboard.providers.ollama.OllamaWire.ChatResponse;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * Type {@code ollama}: Ollama's native {@code POST {base-url}/api/chat}. No auth by default; a
 * configured (or per-request) key is sent as Bearer, for deployments behind a proxy.
 */
final class OllamaProvider extends ConfiguredProvider {

    static final String PATH = "/api/chat";

    private final String apiKey;
    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final ObjectReader responseReader;
    private final OllamaRequestMapper requests;
    private final OllamaResponseMapper responses;
    private final OllamaImageFetcher images;
    private final boolean thinkTags;
    private final List<String> thinkTagNames;
    private final boolean thinkStartsOpen;

    /** @param images the fetcher for https images, or null when {@code fetch-images} is off */
    OllamaProvider(String name, ProviderConfig config, UpstreamHttp http, ObjectMapper json, boolean thinkTags,
            OllamaImageFetcher images) {
        super(name, OllamaProviderFactory.TYPE, config.model().orElse(OllamaProviderFactory.DEFAULT_MODEL));
        this.apiKey = config.apiKey().filter(key -> !key.isBlank()).orElse(null);
        this.http = http;
        this.json = json;
        this.responseReader = json.readerFor(ChatResponse.class);
        this.thinkTags = thinkTags;
        this.thinkTagNames = config.thinkTagNames();
        this.thinkStartsOpen = config.thinkStartsOpen();
        this.images = images;
        this.requests = new OllamaRequestMapper(config.keepAlive().orElse(null));
        this.responses = new OllamaResponseMapper(json, thinkTags, thinkTagNames, thinkStartsOpen);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return remoteImages(request)
                .map(fetched -> upstreamRequest(request, false, fetched))
                .chain(http::send)
                .map(response -> {
                    ChatResponse answer;
                    try {
                        answer = responseReader.readValue(response.body().getBytes());
                    } catch (Exception e) {
                        throw UpstreamErrors.malformed(name(), "the body is not an /api/chat answer");
                    }
                    return responses.toResponse(answer);
                });
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return Multi.createFrom().deferred(() -> {
            OllamaStreamParser parser = new OllamaStreamParser(name(), responseReader, responses,
                    thinkTags ? new ThinkTagSplitter(thinkTagNames, thinkStartsOpen) : null, request.hasRequestKey());
            return ChunkParser.events(remoteImages(request)
                    .onItem().transformToMulti(fetched -> http.stream(upstreamRequest(request, true, fetched))), parser);
        });
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
            return images.fetchAll(remote);
        });
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, boolean stream, Map<String, String> fetched) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(requests.toWire(request, stream, fetched)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the request records always serialise", e);
        }
        String key = request.keyOr(apiKey);
        return UpstreamRequest.post(PATH, body, request.hasRequestKey())
                .header("Authorization", key == null ? null : "Bearer " + key);
    }
}
