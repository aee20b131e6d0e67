package io.switchboard.metrics;

/** What a request asked for, as a bounded label value. */
public enum Endpoint {
    GENERATE("generate"),
    STREAM("stream"),
    OTHER("other");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The endpoint of the Gateway's own names ({@code generate}, {@code stream}); anything else is other. */
    public static Endpoint of(String name) {
        return "stream".equals(name) ? STREAM : "generate".equals(name) ? GENERATE : OTHER;
    }
}
