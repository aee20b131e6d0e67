package io.switchboard.api.openai;

import io.switchboard.api.DialectRequest;
import io.switchboard.api.StreamFormat;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.vertx.core.buffer.Buffer;

/**
 * A translated Chat Completions request. Answers carry the {@code model} the client asked for and an
 * id made from the request id, so a completion can be traced in the gateway's logs.
 */
record ChatRequest(AIContext context, boolean stream, boolean includeUsage, String model,
        String id, long created, ChatAnswers answers) implements DialectRequest {

    @Override
    public Buffer answer(AIResponse response) {
        return answers.completion(response, this);
    }

    @Override
    public StreamFormat streamFormat() {
        return new ChatChunkFormat(answers, this);
    }
}
