package io.switchboard.api.anthropic;

import io.switchboard.api.DialectRequest;
import io.switchboard.api.StreamFormat;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.vertx.core.buffer.Buffer;

/**
 * A translated Messages request. Answers carry the {@code model} the client asked for and an id made
 * from the request id, so a message can be traced in the gateway's logs.
 */
record MessagesRequest(AIContext context, boolean stream, String model, String id,
        MessagesAnswers answers) implements DialectRequest {

    @Override
    public Buffer answer(AIResponse response) {
        return answers.message(response, this);
    }

    @Override
    public StreamFormat streamFormat() {
        return new MessagesStreamFormat(answers, this);
    }
}
