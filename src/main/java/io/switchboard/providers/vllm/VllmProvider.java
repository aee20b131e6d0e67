package io.switchboard.providers.vllm;

import java.net.URI;
import java.net.URISyntaxException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import io.switchboard.providers.openai.OpenAiDialect;
import io.switchboard.providers.openai.OpenAiProvider;
import io.switchboard.providers.openai.OpenAiRequestMapper;
import io.switchboard.upstream.GenericErrorParser;
import io.switchboard.upstream.UpstreamRequest;

/**
 * Type {@code vllm}: Chat Completions and embeddings through {@link OpenAiProvider}, and tokens counted by vLLM's tokenizer,
 * {@code POST /tokenize} at the server's root (the base URL without its {@code /v1}). It is sent the chat call's
 * {@code messages}, {@code tools} and {@code chat_template_kwargs}, so that it counts the prompt the model's chat
 * template makes of them, as the chat call's {@code prompt_tokens} would.
 */
final class VllmProvider extends ConfiguredProvider {

    private static final String TOKENIZE = "/tokenize";
    private static final String API_PREFIX = "/v1";

    /** vLLM's tokenize answer: {@code count}, {@code max_model_len} and the token ids, of which the count is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tokenized(Integer count) {
    }

    private final OpenAiProvider chat;
    private final OpenAiRequestMapper requests;
    private final WireCalls tokenizer;
    private final Secret configuredKey;
    private final ObjectMapper json;
    private final ObjectReader tokenizedReader;

    VllmProvider(ProviderSetup setup, OpenAiDialect dialect, URI baseUrl) {
        super(setup, null);
        this.chat = OpenAiProvider.create(setup, dialect, baseUrl);
        this.requests = new OpenAiRequestMapper(dialect, setup);
        this.json = setup.json();
        this.tokenizer = setup.calls(serverRoot(baseUrl), new GenericErrorParser(json));
        this.configuredKey = setup.apiKey();
        this.tokenizedReader = json.readerFor(Tokenized.class);
    }

    /** The base URL without a trailing {@code /v1}: vLLM serves its tokenizer outside the OpenAI API's prefix. */
    static URI serverRoot(URI baseUrl) {
        String path = baseUrl.getRawPath();
        if (path == null || !path.endsWith(API_PREFIX)) {
            return baseUrl;
        }
        try {
            return new URI(baseUrl.getScheme(), baseUrl.getRawAuthority(), path.substring(0, path.length()
                    - API_PREFIX.length()), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the base URL, already checked, no longer parses", e);
        }
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return chat.generate(request);
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return chat.stream(request);
    }

    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return chat.embed(embedding, request);
    }

    @Override
    public int maxEmbeddingInputs() {
        return chat.maxEmbeddingInputs();
    }

    @Override
    public Uni<TokenCount> countTokens(ProviderRequest request) {
        return tokenizer.<Tokenized> send(() -> {
            ObjectNode chatBody = requests.toWire(request, false);
            ObjectNode body = json.createObjectNode();
            body.put("model", request.model());
            for (String field : new String[] { "messages", "tools", "chat_template_kwargs" }) {
                if (chatBody.has(field)) {
                    body.set(field, chatBody.get(field));
                }
            }
            UpstreamRequest upstream = tokenizer.post(TOKENIZE, body, request);
            String key = request.keyOr(configuredKey);
            return key == null ? upstream : upstream.header("Authorization", "Bearer " + key);
        }, tokenizedReader, "an answer that is not a tokenize answer").map(tokenized -> {
            if (tokenized.count() == null) {
                throw UpstreamErrors.malformed(name(), "a tokenize answer without count");
            }
            return TokenCount.exact(tokenized.count());
        });
    }
}
