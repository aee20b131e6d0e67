package io.switchboard.providers.gemini;

import java.nio.charset.StandardCharsets;

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
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;
import io.switchboard.stream.ChunkParser;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * Gemini over REST: {@code POST /v1beta/models/{model}:generateContent} for generate (the
 * non-streaming call, as for every backend),
 * {@code :streamGenerateContent?alt=sse} for stream. The key goes only in the {@code x-goog-api-key}
 * header, never in the URL, where it would end up in access logs.
 */
final class GeminiProvider extends ConfiguredProvider {

    private static final String API_KEY_HEADER = "x-goog-api-key";

    private final Secret apiKey;
    private final UpstreamHttp http;
    private final GeminiRequestMapper mapper;
    private final ObjectMapper json;

    GeminiProvider(String name, String model, Secret apiKey, UpstreamHttp http, GeminiRequestMapper mapper,
            ObjectMapper json) {
        super(name, "gemini", model);
        this.apiKey = apiKey;
        this.http = http;
        this.mapper = mapper;
        this.json = json;
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return Uni.createFrom().deferred(() -> http.send(upstreamRequest(request, ":generateContent")))
                .map(response -> GeminiResponseMapper.toResponse(read(response.body())));
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return Multi.createFrom().deferred(() -> {
            UpstreamRequest upstream = upstreamRequest(request, ":streamGenerateContent?alt=sse");
            GeminiStreamParser parser = new GeminiStreamParser(json, name(), request.hasRequestKey());
            return ChunkParser.events(http.stream(upstream), parser);
        });
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, String method) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(mapper.toWire(request)));
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("could not write the " + name() + " request: " + e.getOriginalMessage());
        }
        String path = "/v1beta/models/" + pathSegment(request.model() != null ? request.model() : defaultModel()) + method;
        return UpstreamRequest.post(path, body, request.hasRequestKey())
                .header(API_KEY_HEADER, request.keyOr(apiKey));
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

    private GenerateContentResponse read(Buffer body) {
        try {
            return json.readValue(body.getBytes(), GenerateContentResponse.class);
        } catch (java.io.IOException e) {
            throw UpstreamErrors.malformed(name(), "the body is not a GenerateContentResponse");
        }
    }
}
