package io.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The metadata a provider reports with an answer (a whole {@link AIResponse} or a stream's done
 * event): the backend's own finish reason, and the model the backend says answered, which can
 * differ from the model asked for (a dated snapshot for an alias, a deployment's model).
 */
public final class AnswerMetadata {

    public static final String PROVIDER_FINISH_REASON = "provider_finish_reason";
    public static final String RESPONSE_MODEL = "response_model";
    /**
     * The stop sequence that ended the answer, when the backend says which (Anthropic does; the others
     * report a plain stop).
     */
    public static final String STOP_SEQUENCE = "stop_sequence";
    /** {@code true} when the answer is the model's refusal (OpenAI reports one apart from the answer's text). */
    public static final String REFUSAL = "refusal";

    private AnswerMetadata() {
    }

    /**
     * Metadata with {@code provider_finish_reason} (null when the backend gave none) and
     * {@code response_model} when the backend named its model.
     */
    public static ObjectNode of(String providerFinishReason, String responseModel) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put(PROVIDER_FINISH_REASON, providerFinishReason);
        if (responseModel != null && !responseModel.isBlank()) {
            metadata.put(RESPONSE_MODEL, responseModel);
        }
        return metadata;
    }

    /** As {@link #of(String, String)}, with the stop sequence the backend met, when it names one. */
    public static ObjectNode of(String providerFinishReason, String responseModel, String stopSequence) {
        ObjectNode metadata = of(providerFinishReason, responseModel);
        if (stopSequence != null) {
            metadata.put(STOP_SEQUENCE, stopSequence);
        }
        return metadata;
    }

    /** As {@link #of(String, String)}, with {@code refusal: true} when the answer is a refusal. */
    public static ObjectNode of(String providerFinishReason, String responseModel, boolean refused) {
        ObjectNode metadata = of(providerFinishReason, responseModel);
        if (refused) {
            metadata.put(REFUSAL, true);
        }
        return metadata;
    }

    /** The model the backend said answered, or null when it named none. */
    public static String responseModel(ObjectNode metadata) {
        JsonNode model = metadata == null ? null : metadata.get(RESPONSE_MODEL);
        return model == null ? null : model.textValue();
    }
}
