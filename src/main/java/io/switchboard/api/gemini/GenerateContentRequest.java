package io.switchboard.api.gemini;

import io.switchboard.api.DialectRequest;
import io.switchboard.api.StreamFormat;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.vertx.core.buffer.Buffer;

/**
 * A translated {@code generateContent} or {@code streamGenerateContent} request. Answers carry the model the path
 * named as {@code modelVersion} (unless the backend names its own) and the request id as {@code responseId}.
 *
 * @param model the model the path named, everything between {@code models/} and the method
 * @param includeThoughts whether the answer shows reasoning as {@code thought} parts
 *        ({@code generationConfig.thinkingConfig.includeThoughts})
 * @param sse whether a stream is Server-Sent Events ({@code ?alt=sse}) rather than one JSON array
 */
record GenerateContentRequest(AIContext context, boolean stream, String model, String responseId,
        boolean includeThoughts, boolean sse, GenerateContentAnswers answers) implements DialectRequest {

    @Override
    public Buffer answer(AIResponse response) {
        return answers.response(response, this);
    }

    @Override
    public StreamFormat streamFormat() {
        return new GeminiStreamFormat(answers, this);
    }
}
