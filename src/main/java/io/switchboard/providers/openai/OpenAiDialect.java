package io.switchboard.providers.openai;

import java.util.function.BinaryOperator;

/**
 * What differs between the backends that speak Chat Completions: where the call goes, how the key
 * is sent, and how reasoning is switched on. Everything else (messages, tools, parsing, errors) is
 * the same protocol, in this package.
 *
 * @param path the path (and query) of a call for a model, appended to the base URL: given the model and the
 *        call's OpenAI path ({@link #CHAT_COMPLETIONS}, {@code /embeddings})
 * @param auth how the key travels
 * @param thinkTagsDefault whether {@code <think>} parsing is on when {@code think-tags} is not configured
 * @param templateKwargs whether reasoning switches go into vLLM's {@code chat_template_kwargs}
 *        instead of a top-level {@code reasoning_effort}
 * @param officialOpenAi whether the base URL is OpenAI's own (the model-name rules for reasoning
 *        models apply only there)
 */
public record OpenAiDialect(BinaryOperator<String> path, Auth auth, boolean thinkTagsDefault,
        boolean templateKwargs, boolean officialOpenAi) {

    /** How the key is sent. */
    public enum Auth {
        /** {@code Authorization: Bearer <key>} (OpenAI, vLLM and every OpenAI-compatible server). */
        BEARER,
        /** {@code api-key: <key>} (Azure OpenAI). */
        API_KEY_HEADER
    }

    /** The path every OpenAI-compatible server serves under its {@code /v1} base URL. */
    public static final String CHAT_COMPLETIONS = "/chat/completions";

    /**
     * Whether {@code model} is one of OpenAI's reasoning models (gpt-5, o1, o3, o4), which accept no temperature;
     * known only on OpenAI's own endpoint, as a compatible server's model names say nothing.
     */
    public boolean reasoningModel(String model) {
        return officialOpenAi && model != null
                && (model.startsWith("gpt-5") || model.startsWith("o1") || model.startsWith("o3")
                        || model.startsWith("o4"));
    }
}
