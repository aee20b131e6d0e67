package io.switchboard.core.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;

/** The last event of a successful stream. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Done(FinishReason finishReason, Usage usage, ObjectNode metadata) implements StreamEvent {

    public static final String TYPE = "done";

    public Done {
        finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
        usage = usage == null ? Usage.NONE : usage;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    /**
     * A done event whose metadata holds the backend's own finish reason under
     * {@code provider_finish_reason} (null when the backend gave none).
     */
    public static Done of(FinishReason finishReason, String providerFinishReason, Usage usage) {
        return of(finishReason, providerFinishReason, null, usage);
    }

    /** As {@link #of(FinishReason, String, Usage)}, with the model the backend said answered (see {@link AnswerMetadata}). */
    public static Done of(FinishReason finishReason, String providerFinishReason, String responseModel, Usage usage) {
        return new Done(finishReason, usage, AnswerMetadata.of(providerFinishReason, responseModel));
    }

    /** The same event with other metadata. */
    public Done withMetadata(ObjectNode replaced) {
        return new Done(finishReason, usage, replaced);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
