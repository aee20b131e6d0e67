package io.switchboard.api.gemini;

import static io.switchboard.api.JsonFields.array;
import static io.switchboard.api.JsonFields.integer;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.CallAnswers;
import io.switchboard.api.JsonBodies;
import io.switchboard.api.ModelTarget;
import io.switchboard.core.embedding.EmbeddingInput;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.route.RouteTable;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.InboundRequest;
import io.vertx.core.buffer.Buffer;

/**
 * Gemini's {@code :embedContent} ({@code {"content": {...}, "outputDimensionality"}} → {@code {"embedding":
 * {"values"}}}) and {@code :batchEmbedContents} ({@code {"requests": [...]}} → {@code {"embeddings": [...]}}), over
 * any backend as {@code /v1/embeddings} embeds ({@link Gateway#embed}). A content's text parts are embedded as
 * one text, joined by newlines; {@code taskType} and {@code title} are accepted and not passed on (the backend's
 * model default applies). The requests of a batch share one {@code outputDimensionality}.
 */
@ApplicationScoped
class EmbedContent {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Gateway gateway;
    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final ObjectMapper json;

    EmbedContent(Gateway gateway, ProviderRegistry registry, RouteTable routes, ObjectMapper json) {
        this.gateway = gateway;
        this.registry = registry;
        this.routes = routes;
        this.json = json;
    }

    Uni<RestResponse<Object>> embed(String model, byte[] bytes, boolean batch, InboundRequest inbound) {
        ObjectNode body = JsonBodies.object(json, bytes, "a JSON object");
        EmbeddingRequest request = batch ? batch(body)
                : new EmbeddingRequest(
                        List.of(EmbeddingInput.text(text(body, ""))), dimensions(body, ""), null);
        ModelTarget target = ModelTarget.resolve(model, registry, routes);
        return CallAnswers.either(gateway.embed(request, target.name(), target.model(), inbound)
                .map(answer -> RestResponse.ResponseBuilder.ok(write(answer, batch))
                        .header("Content-Type", "application/json").build()));
    }

    private static EmbeddingRequest batch(ObjectNode body) {
        ArrayNode requests = array(body, "requests", "requests");
        if (requests == null || requests.isEmpty()) {
            throw invalid("requests", "at least one request is required");
        }
        if (requests.size() > EmbeddingRequest.MAX_INPUTS) {
            throw invalid("requests", "at most " + EmbeddingRequest.MAX_INPUTS + " requests, got " + requests.size());
        }
        List<EmbeddingInput> inputs = new ArrayList<>(requests.size());
        Integer dimensions = null;
        for (int i = 0; i < requests.size(); i++) {
            String path = "requests[" + i + "].";
            ObjectNode request = object(requests.get(i), "requests[" + i + "]");
            inputs.add(EmbeddingInput.text(text(request, path)));
            Integer size = dimensions(request, path);
            if (i == 0) {
                dimensions = size;
            } else if (!Objects.equals(size, dimensions)) {
                throw invalid(path + "outputDimensionality", "every request of a batch must ask for the same size");
            }
        }
        return new EmbeddingRequest(inputs, dimensions, null);
    }

    /** The content's text parts as one text. */
    private static String text(ObjectNode request, String path) {
        ObjectNode content = object(request, "content", path + "content");
        if (content == null) {
            throw invalid(path + "content", "required");
        }
        ArrayNode parts = array(content, "parts", path + "content.parts");
        if (parts == null || parts.isEmpty()) {
            throw invalid(path + "content.parts", "at least one text part is required");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i).get("text");
            if (part == null || !part.isTextual()) {
                throw invalid(path + "content.parts[" + i + "].text", "only text parts can be embedded");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.textValue());
        }
        return text.toString();
    }

    private static Integer dimensions(ObjectNode request, String path) {
        Integer size = integer(request, "outputDimensionality", path + "outputDimensionality");
        if (size != null && size < 1) {
            throw invalid(path + "outputDimensionality", "must be at least 1, got " + size);
        }
        return size;
    }

    private static Buffer write(EmbeddingResponse answer, boolean batch) {
        ObjectNode body = NODES.objectNode();
        if (batch) {
            ArrayNode embeddings = body.putArray("embeddings");
            answer.vectors().forEach(vector -> values(embeddings.addObject(), vector));
        } else {
            values(body.putObject("embedding"), answer.vectors().getFirst());
        }
        return Buffer.buffer(body.toString());
    }

    private static void values(ObjectNode embedding, float[] vector) {
        ArrayNode values = embedding.putArray("values");
        for (float value : vector) {
            values.add(value);
        }
    }
}
