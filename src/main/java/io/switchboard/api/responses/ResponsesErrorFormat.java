package io.switchboard.api.responses;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectErrorFormat;
import io.switchboard.api.openai.OpenAiErrorFormat;
import io.switchboard.errors.GatewayException;

/**
 * The Responses API's errors are OpenAI's ({@link OpenAiErrorFormat}): the same envelope, statuses and
 * {@code param}, on the Responses paths.
 */
@Singleton
class ResponsesErrorFormat extends DialectErrorFormat {

    ResponsesErrorFormat(ObjectMapper json) {
        super(json, ResponsesResource.RESPONSES);
    }

    @Override
    protected ObjectNode shape(GatewayException error, String requestId) {
        return OpenAiErrorFormat.envelope(error, requestId);
    }
}
