package io.switchboard.api.openai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectEndpoint;
import io.switchboard.config.ProviderRegistry;
import io.switchboard.core.spi.Provider;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The OpenAI-compatible API: {@code POST /v1/chat/completions} (whole or streamed) and
 * {@code GET /v1/models}, which lists every provider and route as a model id.
 */
@ApplicationScoped
class OpenAiRoutes {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";

    private final DialectEndpoint endpoint;
    private final ChatRequestReader reader;
    private final OpenAiErrorFormat errors;
    private final Buffer models;

    OpenAiRoutes(DialectEndpoint endpoint, ChatRequestReader reader, OpenAiErrorFormat errors, ChatAnswers answers,
            ProviderRegistry registry) {
        this.endpoint = endpoint;
        this.reader = reader;
        this.errors = errors;
        // The configuration is fixed at start-up, so the list is built once.
        this.models = answers.write(models(registry));
    }

    void register(@Observes Router router) {
        endpoint.post(router, CHAT_COMPLETIONS, reader::read, errors);
        router.get(MODELS).handler(rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(models.copy()));
    }

    private static ObjectNode models(ProviderRegistry registry) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (Provider provider : registry.providers()) {
            data.add(model(provider.name(), provider.type()));
        }
        for (String route : registry.routeTargets().keySet()) {
            data.add(model(route, "route"));
        }
        return list;
    }

    private static ObjectNode model(String id, String ownedBy) {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", ownedBy);
        return model;
    }
}
