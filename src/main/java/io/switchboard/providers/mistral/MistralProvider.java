package io.switchboard.providers.mistral;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.spi.ConfiguredProvider;
import io.switchboard.core.spi.ProviderRequest;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.mistral.MistralWire.ChatCompletion;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ToolCallAssembler;
import io.switchboard.upstream.UpstreamHttp;
import io.switchboard.upstream.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/** Type {@code mistral}: {@code POST {base-url}/v1/chat/completions} with Bearer auth. */
final class MistralProvider extends ConfiguredProvider {

    static final String PATH = "/v1/chat/completions";

    private final String apiKey;
    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final ObjectReader completionReader;
    private final MistralRequestMapper requests;
    private final MistralResponseMapper responses;
    private final boolean thinkTags;
    private final List<String> thinkTagNames;
    private final boolean thinkStartsOpen;

    MistralProvider(String name, ProviderConfig config, String apiKey, UpstreamHttp http, ObjectMapper json,
            boolean thinkTags) {
        super(name, MistralProviderFactory.TYPE, config.model().orElse(MistralProviderFactory.DEFAULT_MODEL));
        this.apiKey = apiKey;
        this.http = http;
        this.json = json;
        this.completionReader = json.readerFor(ChatCompletion.class);
        this.thinkTags = thinkTags;
        this.thinkTagNames = config.thinkTagNames();
        this.thinkStartsOpen = config.thinkStartsOpen();
        this.requests = new MistralRequestMapper(json);
        this.responses = new MistralResponseMapper(json, thinkTags, thinkTagNames, thinkStartsOpen);
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return Uni.createFrom().item(() -> upstreamRequest(request, false))
                .chain(http::send)
                .map(response -> {
                    ChatCompletion completion;
                    try {
                        completion = completionReader.readValue(response.body().getBytes());
                    } catch (Exception e) {
                        throw UpstreamErrors.malformed(name(), "the body is not a chat completion");
                    }
                    return responses.toResponse(completion);
                });
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return Multi.createFrom().deferred(() -> {
            MistralStreamParser parser = new MistralStreamParser(name(), completionReader,
                    thinkTags ? new ThinkTagSplitter(thinkTagNames, thinkStartsOpen) : null, new ToolCallAssembler(json),
                    request.hasRequestKey());
            return ChunkParser.events(http.stream(upstreamRequest(request, true)), parser);
        });
    }

    private UpstreamRequest upstreamRequest(ProviderRequest request, boolean stream) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(requests.toWire(request, stream)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the request records always serialise", e);
        }
        return UpstreamRequest.post(PATH, body, request.hasRequestKey())
                .header("Authorization", "Bearer " + request.keyOr(apiKey))
                .header("Accept", stream ? "text/event-stream" : "application/json");
    }
}
