package io.switchboard.api.responses;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectErrorFormat;
import io.switchboard.api.openai.OpenAiErrorFormat;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;

/**
 * The Responses API's errors are OpenAI's ({@link OpenAiErrorFormat}): the same envelope, statuses and
 * {@code param}, on the Responses paths. A 404 that is not about the {@code model} (a stored response that is
 * not there, for this key) has OpenAI's {@code code: "not_found"}.
 */
@Singleton
class ResponsesErrorFormat extends DialectErrorFormat {

    ResponsesErrorFormat(ObjectMapper json) {
        super(json, ResponsesResource.RESPONSES);
    }

    @Override
    protected ObjectNode shape(GatewayException error, String requestId) {
        ObjectNode envelope = OpenAiErrorFormat.envelope(error, requestId);
        ObjectNode body = (ObjectNode) envelope.get("error");
        if (error.type() == ErrorType.NOT_FOUND && error.provider() == null
                && !"model".equals(body.path("param").asText())) {
            body.put("code", "not_found");
        }
        return envelope;
    }
}
