package io.switchboard.metrics;

/** What a request asked for, as a bounded label value. */
public enum Endpoint {
    GENERATE("generate"),
    STREAM("stream"),
    EMBEDDINGS("embeddings"),
    OTHER("other");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The endpoint of the Gateway's own names ({@code generate}, {@code stream}, {@code embeddings}); else other. */
    public static Endpoint of(String name) {
        return switch (name) {
            case "stream" -> STREAM;
            case "generate" -> GENERATE;
            case "embeddings" -> EMBEDDINGS;
            default -> OTHER;
        };
    }
}
