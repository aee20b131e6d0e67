package io.switchboard.api.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectRequest;
import io.switchboard.api.StreamFormat;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.vertx.core.buffer.Buffer;

/**
 * A translated Responses request. Answers carry the {@code model} the client asked for, an id made from the
 * request id (so a response can be traced in the gateway's logs), and the request's settings as the Responses
 * object echoes them.
 *
 * @param requestId the gateway's id of this call, from which the response and item ids are made
 * @param createdAt Unix seconds when the request was read
 * @param settings the echoed settings ({@code instructions}, {@code tools}, {@code tool_choice}, …), written
 *        into every Responses object of this request; never modified once read
 * @param encryptedReasoning whether reasoning items carry {@code encrypted_content}: {@code include} asks for it,
 *        or the response is stored, whose continuation by {@code previous_response_id} needs the backend's state
 * @param streamOrigin for a stream, the provider type known to answer it before it starts (null when not known),
 *        whose state its items may carry ({@link ReasoningTokens#streamOrigin})
 * @param kept the response being stored, which the answer's end completes; null when {@code store} is false
 */
record ResponsesRequest(AIContext context, boolean stream, String model, String requestId, long createdAt,
        ObjectNode settings, ResponsesAnswers answers, boolean encryptedReasoning, String streamOrigin,
        KeptResponse kept) implements DialectRequest {

    /** {@code resp_} and the request id. */
    String id() {
        return "resp_" + requestId;
    }

    /**
     * The id of the output item at {@code outputIndex}: {@code msg_}, {@code rs_} or {@code fc_}, the request id, the index.
     */
    String itemId(String prefix, int outputIndex) {
        return prefix + requestId + "_" + outputIndex;
    }

    @Override
    public Buffer answer(AIResponse response) {
        Buffer body = answers.response(response, this);
        if (kept != null) {
            kept.ended(body.getBytes());
        }
        return body;
    }

    /** A stream has ended with {@code response}, which is stored when the request asked for it. */
    void ended(ObjectNode response) {
        if (kept != null) {
            kept.ended(answers.bytes(response));
        }
    }

    @Override
    public StreamFormat streamFormat() {
        return new ResponsesStreamFormat(answers, this);
    }
}
