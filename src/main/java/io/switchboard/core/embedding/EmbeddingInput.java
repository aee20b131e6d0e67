package io.switchboard.core.embedding;

/**
 * One input to embed: a text, or token ids of the model's tokenizer (exactly one of them is set). Token ids go
 * only to the backends that take them (the OpenAI wire); the others answer 400 naming {@code input}.
 */
public record EmbeddingInput(String text, int[] tokens) {

    public static EmbeddingInput text(String text) {
        return new EmbeddingInput(text, null);
    }

    public static EmbeddingInput tokens(int[] tokens) {
        return new EmbeddingInput(null, tokens);
    }

    public boolean isText() {
        return text != null;
    }
}
