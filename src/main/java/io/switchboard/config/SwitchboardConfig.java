package io.switchboard.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Everything under {@code switchboard.*}. The README's configuration table is copied from these Javadocs. */
@ConfigMapping(prefix = "switchboard")
public interface SwitchboardConfig {

    /**
     * The provider or route used when a request names none; when not set, the only provider if exactly one is
     * configured, else none (every request then names one).
     */
    Optional<String> defaultProvider();

    /** The named backends. */
    Map<String, ProviderConfig> providers();

    /** The named routes over providers, with request defaults. */
    Map<String, RouteConfig> routes();

    /** Gateway authentication. */
    Auth auth();

    /** Where runtime routes (created through the admin API) are kept. */
    Store store();

    /** Virtual keys (created through the admin API, {@code /v1/keys}): their limits and budgets. */
    Keys keys();

    /**
     * The OpenAI Responses API ({@code /v1/responses}): responses kept for {@code previous_response_id} and
     * {@code GET /v1/responses/{id}}, and the key that seals reasoning state.
     */
    Responses responses();

    /** Streaming behaviour. */
    Stream stream();

    /** Metrics. */
    Metrics metrics();

    /** The operator console at {@code /console}. */
    Console console();

    /** The access log. */
    AccessLog accessLog();

    /** Retry, circuit-breaker and concurrency settings every provider starts from (each may override them). */
    Traffic traffic();

    /** How long a client may take to send a request. */
    Http http();

    /** The largest request body accepted; larger bodies get 413. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** The most messages and content parts (counted together) one request may have; more is a 400. */
    @WithDefault("10000")
    int maxParts();

    /** How long open streams may run on after SIGTERM before the process stops. */
    @WithDefault("30s")
    Duration shutdownGracePeriod();

    interface Http {
        /**
         * Longest time from a request's first byte (on a new connection: from its opening) to the end of its
         * head; a slower client's connection is closed. Between requests {@code quarkus.http.idle-timeout} applies.
         */
        @WithDefault("10s")
        Duration headerTimeout();

        /** Longest time from the end of a request's head to the end of its body; a slower client's connection is closed. */
        @WithDefault("30s")
        Duration bodyTimeout();
    }

    /**
     * Who may call the gateway ({@code io.switchboard.api.GatewayAuth} reads and checks these at start-up): a key
     * list that is set but resolves to nothing stops the start, and {@code /v1} is open only when asked for.
     */
    interface Auth {
        /**
         * Comma-separated gateway keys; when set, every /v1/* request needs {@code Authorization: Bearer <key>}. Set
         * but empty (e.g. an unset environment variable) stops the start.
         */
        Optional<List<String>> apiKeys();

        /**
         * Comma-separated admin keys; the admin API ({@code /v1/routes}) needs {@code Authorization: Bearer <key>}
         * with one of them, and is off (403) without this setting. A client key never opens it. Set but empty stops
         * the start.
         */
        Optional<List<String>> adminKeys();

        /**
         * {@code true} serves /v1/* without a gateway key (not together with api-keys). Not set, /v1/* is open only
         * when no switchboard.auth setting is given at all.
         */
        Optional<Boolean> open();
    }

    interface Store {
        /**
         * {@code memory} (this process only, lost on restart) or {@code redis} (shared, uses quarkus.redis.hosts): the
         * {@code io.switchboard.routes.RouteStore} bean of that {@code @Identifier}.
         */
        @WithDefault("memory")
        String type();

        /** How often each replica asks the Redis store whether another replica changed a route. */
        @WithDefault("250ms")
        Duration refreshInterval();

        /** The Redis hash holding the routes; {@code <key>:version} counts the changes. */
        @WithDefault("switchboard:routes")
        String redisKey();

        /**
         * The most runtime routes the store holds; creating one more is a 409. A replica that finds more in the
         * store serves the first this many by name.
         */
        @WithDefault("1000")
        int maxRoutes();

        /**
         * The largest runtime route, as its stored JSON; a larger one is a 400, and one found in the store is
         * skipped unread.
         */
        @WithDefault("16K")
        MemorySize maxRouteSize();

        /** The longest {@code system_prompt} of a runtime route, in characters; a longer one is a 400. */
        @WithDefault("8192")
        int maxSystemPromptChars();

        /** The most {@code targets} of a runtime route, and the most {@code context_overflow_targets}. */
        @WithDefault("16")
        int maxTargets();

        /** The most {@code tools} of a runtime route. */
        @WithDefault("32")
        int maxTools();
    }

    /** Virtual keys, kept in the store {@code switchboard.store.type} names. */
    interface Keys {
        /** The Redis hash holding the keys (their secrets as SHA-256 only); {@code <key>:version} counts the changes. */
        @WithDefault("switchboard:keys")
        String redisKey();

        /** The most virtual keys the store holds; creating one more is a 409. */
        @WithDefault("10000")
        int maxKeys();

        /**
         * How often each replica writes its keys' counts and spend to the shared store and reads the others': the
         * window in which replicas may admit past a key's rpm, tpm or max_concurrent.
         */
        @WithDefault("200ms")
        Duration syncInterval();

        /**
         * The output tokens a budgeted request without {@code max_tokens} (and whose provider sets no
         * {@code max-tokens}) reserves.
         */
        @WithDefault("4096")
        int defaultMaxTokens();
    }

    /**
     * The Responses API's settings. Stored responses ({@code store}, the default) are kept in the store
     * {@code switchboard.store.type} names (memory, or Redis shared by every replica).
     */
    interface Responses {
        /** How long a stored response is kept after it was answered; Redis expires it itself. */
        @WithDefault("1h")
        Duration ttl();

        /**
         * The largest conversation a stored response keeps (the conversation it continues, then its input, as JSON);
         * a stored request over it is a 400 naming {@code previous_response_id} (or {@code input}), before the
         * backend is called. The answer's own output is kept whatever its length.
         */
        @WithDefault("1M")
        MemorySize maxStoredBytes();

        /** The most responses the memory store keeps; the oldest goes first. Redis is bounded by its own memory. */
        @WithDefault("1000")
        int maxEntries();

        /**
         * The most the memory store holds in all, counted in characters of the stored JSON; beyond it the oldest
         * responses go first. Keep it above {@code max-stored-bytes}.
         */
        @WithDefault("64M")
        MemorySize memorySize();

        /**
         * What the Redis key of each stored response starts with (then the owner's key hash and the response id);
         * give each gateway deployment sharing one Redis its own.
         */
        @WithDefault("switchboard:responses:")
        String redisKeyPrefix();

        /**
         * The secret that authenticates the reasoning state handed out in Responses {@code encrypted_content} and
         * function-call ids (HMAC-SHA256); every replica behind one load balancer needs the same value (32 random
         * bytes or more, e.g. {@code openssl rand -base64 32}). When not set, a random key per process: state handed
         * out before a restart, or by another replica, is then dropped as unverifiable.
         */
        Optional<String> reasoningKey();
    }

    interface Metrics {
        /**
         * Models kept as {@code model} label values besides every provider's and route target's configured
         * model; any other model a request names is counted as {@code other}, so callers cannot create series.
         */
        Optional<List<String>> models();
    }

    interface Console {
        /**
         * How often the console's overview samples the gateway's meters (on a timer, never on a request); it keeps
         * the last 15 minutes of samples.
         */
        @WithDefault("5s")
        Duration sampleInterval();
    }

    interface AccessLog {
        /**
         * Writes the access log's lines to stdout; {@code false} writes them nowhere but to handlers of one's own on
         * the {@code switchboard.access} category (the tests collect them that way).
         */
        @WithDefault("true")
        boolean console();
    }

    interface Stream {
        /** Silence after which a {@code : keep-alive} comment is written to an open stream. */
        @WithDefault("15s")
        Duration keepAlive();

        /**
         * The most streams open at once on this instance; one more is refused with a retryable 503. Each open stream
         * holds two sockets and about 19 KB of live heap: 9,000 fit the container's heap and 20,000 open files.
         */
        @WithDefault("9000")
        int maxConcurrent();
    }

    /**
     * Traffic settings. Under {@code switchboard.traffic.*} they are the defaults of every provider; under
     * {@code switchboard.providers.<name>.*} (same keys) they override them for one provider.
     */
    interface Traffic {
        /** Retries of a retryable failure on the same provider, before the route moves on. */
        @WithDefault("2")
        int retries();

        /** Base of the exponential backoff between retries (doubled per retry, full jitter). */
        @WithDefault("250ms")
        Duration retryBackoff();

        /** Longest wait before a retry; a longer upstream Retry-After moves the route on instead. */
        @WithDefault("10s")
        Duration retryMaxDelay();

        /** Requests in flight to one provider at most; over it the provider is skipped (0: no limit). */
        @WithDefault("0")
        int maxConcurrent();

        /** The circuit breaker of each provider. */
        Breaker circuitBreaker();

        interface Breaker {
            /** Whether failing providers are cut off for a while. */
            @WithDefault("true")
            boolean enabled();

            /** How many recent calls the failure ratio is taken over (and the fewest before it can open). */
            @WithDefault("20")
            int requestVolume();

            /** The share of failed calls among the recent ones that opens the breaker. */
            @WithDefault("0.5")
            double failureRatio();

            /** How long an open breaker refuses calls before it lets one probe through. */
            @WithDefault("30s")
            Duration delay();
        }
    }

    /** One provider's overrides of {@link Traffic}; unset keys take the {@code switchboard.traffic.*} value. */
    interface ProviderTraffic {
        /** See {@link Traffic#retries()}; a mock provider retries only when this is set (its errors are scripted). */
        Optional<Integer> retries();

        /** See {@link Traffic#retryBackoff()}. */
        Optional<Duration> retryBackoff();

        /** See {@link Traffic#retryMaxDelay()}. */
        Optional<Duration> retryMaxDelay();

        /** See {@link Traffic#maxConcurrent()}. */
        Optional<Integer> maxConcurrent();

        /** See {@link Traffic#circuitBreaker()}. */
        BreakerOverrides circuitBreaker();

        interface BreakerOverrides {
            Optional<Boolean> enabled();

            Optional<Integer> requestVolume();

            Optional<Double> failureRatio();

            Optional<Duration> delay();
        }
    }

    interface RouteConfig {
        /** Provider names, each optionally with a model ({@code openai/gpt-4o-mini}). */
        List<String> targets();

        /** How targets are ordered per request: fallback (in order), weighted, least-busy or latency. */
        @WithDefault("fallback")
        String strategy();

        /** One weight per target, for the weighted strategy. */
        Optional<List<Integer>> weights();

        /** Targets with larger context windows, tried when a target answers context_overflow. */
        Optional<List<String>> contextOverflowTargets();

        /** System prompt used when the request has none. */
        Optional<String> systemPrompt();

        /** Temperature used when the request has none. */
        Optional<Double> temperature();

        /** Output cap used when the request has none. */
        Optional<Integer> maxTokens();

        /** Thinking budget used when the request has none. */
        Optional<Integer> thinkingBudget();

        /** enable_thinking used when the request has none. */
        Optional<Boolean> enableThinking();

        /** reasoning_effort used when the request has none. */
        Optional<String> reasoningEffort();

        /** top_p (nucleus sampling, above 0 and at most 1) used when the request has none. */
        Optional<Double> topP();

        /** Tools as a JSON list, merged with the request's by name (the request wins). */
        Optional<String> tools();

        /** A muted route streams nothing and marks generated answers {@code metadata.muted: true}. */
        @WithDefault("false")
        boolean muted();

        /**
         * Place a prompt-cache breakpoint after the system prompt and tools (Anthropic backends) for requests
         * that place none of their own.
         */
        @WithDefault("false")
        boolean cacheSystemPrompt();

        /** The response format, as a JSON object (the AIContext's {@code response_format}), used when the request has none. */
        Optional<String> responseFormat();
    }

    /**
     * The keys every provider type reads. A type's own keys, under the same {@code switchboard.providers.<name>.},
     * are a group in its folder ({@code io.switchboard.gateway.spi.ProviderKeys}).
     */
    interface ProviderConfig extends ProviderTraffic {
        /** The backend type: openai, azure, vllm, anthropic, gemini, mistral, ollama or mock. */
        String type();

        /** The backend's base URL; every type has a default except azure. */
        Optional<String> baseUrl();

        /** The backend credential; never logged, never echoed. */
        Optional<String> apiKey();

        /** The model used when the request names none (azure: the deployment name). */
        Optional<String> model();

        /**
         * The model {@code POST /v1/embeddings} uses when the request names none (azure: the deployment name); the
         * mock needs none.
         */
        Optional<String> embeddingModel();

        /** Output cap sent when the request leaves max_tokens null. */
        Optional<Integer> maxTokens();

        /** Temperature sent when the request leaves temperature null. */
        Optional<Double> temperature();

        /** Longest wait for a TCP connection to the backend. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** The whole non-streaming call, and a stream's first chunk. */
        @WithDefault("120s")
        Duration timeout();

        /** The longest silence allowed between two chunks of a stream (catches stalled local models). */
        @WithDefault("60s")
        Duration idleTimeout();

        /**
         * Parse {@code <think>} blocks in answer text; the default depends on the type (read by the types whose models
         * write them: openai, azure, vllm, mistral, ollama).
         */
        Optional<Boolean> thinkTags();

        /** Tag names the think parser recognises, e.g. think, thinking, reasoning. */
        @WithDefault("think")
        List<String> thinkTagNames();

        /** The chat template opens the think block in the prompt, so the model emits only {@code …</think>answer}. */
        @WithDefault("false")
        boolean thinkStartsOpen();

        /** The largest non-streaming answer (or error body) read from the backend; a larger one is a 502. */
        @WithDefault("16M")
        MemorySize maxResponseSize();

        /** The longest line of a streamed answer (one SSE or NDJSON line); a longer one ends the stream with a 502. */
        @WithDefault("4M")
        MemorySize maxLineSize();

        /** Extra headers sent with every upstream request. */
        Map<String, String> headers();

        /**
         * What the provider's calls cost, over the price catalog shipped with Switchboard: prices set here price
         * every model of the provider (input and output both required), {@code models."<model>".*} one model (over
         * the provider's prices, else the catalog's). Local backends (ollama, vllm, mock) cost 0 unless priced.
         */
        ProviderPricing pricing();
    }

    /** Prices in USD per million tokens; a negative one stops the start. */
    interface Prices {
        /** USD per million input tokens (those neither read from nor written to the cache). */
        Optional<Double> input();

        /** USD per million output tokens, reasoning included. */
        Optional<Double> output();

        /** USD per million input tokens read from the cache; the input price when not set. */
        Optional<Double> cacheRead();

        /** USD per million input tokens written to the cache (Anthropic: for 5 minutes); the input price when not set. */
        Optional<Double> cacheWrite();

        /** USD per million input tokens written to the cache for an hour; the cache-write price when not set. */
        @WithName("cache-write-1h")
        Optional<Double> cacheWrite1h();
    }

    /** A provider's prices, and those of single models. */
    interface ProviderPricing extends Prices {
        /** Prices of one model (quote a name with dots: {@code models."gpt-4.1".input}), over the provider's. */
        Map<String, Prices> models();
    }
}
