package io.switchboard.metrics;

/** What a request asked for, as a bounded label value. */
public enum Endpoint {
    GENERATE("generate"),
    STREAM("stream"),
    EMBEDDINGS("embeddings"),
    OTHER("other"),
    /** A token count ({@code /v1/messages/count_tokens}): one short upstream call, not a chat. */
    COUNT_TOKENS("count_tokens");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The endpoint of the Gateway's own names ({@code generate}, {@code stream}, {@code embeddings},
     * {@code count_tokens}); anything else is other.
     */
    public static Endpoint of(String name) {
        return switch (name) {
            case "stream" -> STREAM;
            case "generate" -> GENERATE;
            case "count_tokens" -> COUNT_TOKENS;
            case "embeddings" -> EMBEDDINGS;
            case null, default -> OTHER;
        };
    }
}
