package io.switchboard.api.responses;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.ModelTarget;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.route.RouteTarget;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.Provider;

/**
 * A backend's opaque reasoning state in the Responses shapes, sealed by {@link ReasoningSeal} with the provider
 * type that produced it: a reasoning item's {@code encrypted_content} holds its thinking blocks (text and
 * signature, or a redacted block's data), byte for byte; a function call's state (the metadata the backend put on
 * the call, e.g. Gemini's {@code thought_signature}) rides in the {@code function_call} item's {@code id}, which
 * every client echoes with the item and which, unlike the reasoning item, exists when the call streams out after
 * the reasoning has closed. Read back, the state is tagged with its type; the gateway decides per attempt whether
 * the backend may have it.
 */
@Singleton
class ReasoningTokens {

    private static final String THINKING = "thinking";
    private static final String TEXT = "text";
    private static final String SIGNATURE = "signature";
    private static final String CALL_ID = "call_id";
    private static final String METADATA = "metadata";
    /** Call metadata that is the gateway's, not the backend's: the arguments' text when they were not JSON. */
    private static final String RAW_ARGUMENTS = "raw_arguments";

    private final ReasoningSeal seal;
    private final ProviderRegistry registry;
    private final RouteTable routes;

    ReasoningTokens(ReasoningSeal seal, ProviderRegistry registry, RouteTable routes) {
        this.seal = seal;
        this.registry = registry;
        this.routes = routes;
    }

    /** The type of the provider an answer's metadata names, or null when it names none this gateway has. */
    String originOf(ObjectNode answerMetadata) {
        JsonNode name = answerMetadata.get("provider");
        Provider provider = name == null || !name.isTextual() ? null : registry.provider(name.textValue());
        return provider == null ? null : provider.type();
    }

    /**
     * The provider type that will answer {@code model}, known before a stream starts: a provider's, or a route's
     * when all its targets share one; null otherwise (a stream over a mixed route hands out no state, as the
     * items close before the answering backend is known).
     */
    String streamOrigin(String model) {
        ModelTarget target = ModelTarget.resolve(model, registry, routes);
        Provider provider = registry.provider(target.name());
        if (provider != null) {
            return provider.type();
        }
        Route route = routes.route(target.name());
        String type = null;
        for (List<RouteTarget> targets : List.of(route.targets(), route.contextOverflowTargets())) {
            for (RouteTarget each : targets) {
                Provider member = registry.provider(each.provider());
                if (member == null || type != null && !type.equals(member.type())) {
                    return null;
                }
                type = member.type();
            }
        }
        return type;
    }

    /** The {@code encrypted_content} of signed thinking {@code blocks} from a backend of {@code origin}. */
    String encryptedContent(String origin, List<ThinkingPart> blocks) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        ArrayNode thinking = state.putArray(THINKING);
        for (ThinkingPart block : blocks) {
            thinking.addObject().put(TEXT, block.thinking()).put(SIGNATURE, block.signature());
        }
        return seal.seal(origin, state);
    }

    /**
     * The thinking blocks an {@code encrypted_content} holds, tagged with their backend type; null when it is
     * not this gateway's (the summary then goes back as unsigned thinking).
     */
    List<ThinkingPart> thinking(String encryptedContent, String field) {
        ObjectNode state = seal.open(encryptedContent, field);
        if (state == null) {
            return null;
        }
        String origin = state.get(ReasoningSeal.TYPE).textValue();
        List<ThinkingPart> blocks = new ArrayList<>();
        for (JsonNode block : state.path(THINKING)) {
            blocks.add(new ThinkingPart(block.path(TEXT).asText(""), block.path(SIGNATURE).textValue(), origin));
        }
        return blocks;
    }

    /**
     * The id of a {@code function_call} item: {@code plainId} when the call carries no backend state (or its
     * backend type is not known), else {@code fc_} and the sealed state.
     */
    String functionCallId(String plainId, String origin, ToolCall call) {
        if (origin == null || !hasState(call.metadata())) {
            return plainId;
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode().put(CALL_ID, call.id());
        ObjectNode metadata = state.putObject(METADATA);
        metadata.setAll(call.metadata());
        metadata.remove(RAW_ARGUMENTS);
        return ResponsesAnswers.FUNCTION_CALL + seal.seal(origin, state);
    }

    /**
     * The call with the state its item's {@code id} carries, tagged with its backend type; the call as it is when
     * the id is a plain one, of another gateway, or sealed for another call.
     */
    ToolCallPart withState(ToolCallPart call, String id, String field) {
        if (id == null || !id.startsWith(ResponsesAnswers.FUNCTION_CALL + ReasoningSeal.PREFIX)) {
            return call;
        }
        ObjectNode state = seal.open(id.substring(ResponsesAnswers.FUNCTION_CALL.length()), field);
        if (state == null || !call.id().equals(state.path(CALL_ID).textValue())) {
            return call;
        }
        ObjectNode metadata = call.metadata().deepCopy();
        if (state.get(METADATA) instanceof ObjectNode sealed) {
            metadata.setAll(sealed);
        }
        return new ToolCallPart(call.id(), call.name(), call.arguments(), metadata,
                state.get(ReasoningSeal.TYPE).textValue());
    }

    private static boolean hasState(ObjectNode metadata) {
        return metadata.size() > (metadata.has(RAW_ARGUMENTS) ? 1 : 0);
    }
}
