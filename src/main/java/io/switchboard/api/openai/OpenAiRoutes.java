package io.switchboard.api.openai;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectEndpoint;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.gateway.ProviderRegistry;
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

    private final ChatAnswers answers;
    private final RouteTable routes;
    private final List<ObjectNode> providers;

    OpenAiRoutes(ChatAnswers answers, ProviderRegistry registry, RouteTable routes) {
        this.answers = answers;
        this.routes = routes;
        // Providers are fixed at start-up; routes may change at run time, so they are listed per request.
        this.providers = registry.providers().stream().map(p -> model(p.name(), p.type())).toList();
    }

    /** The chat endpoint's collaborators are needed only to register it; the model list is served from fields. */
    void register(@Observes Router router, DialectEndpoint endpoint, ChatRequestReader reader,
            OpenAiErrorFormat errors) {
        endpoint.post(router, CHAT_COMPLETIONS, reader::read, errors);
        router.get(MODELS).handler(rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(answers.write(models())));
    }

    private ObjectNode models() {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        data.addAll(providers);
        for (Route route : routes.routes()) {
            data.add(model(route.name(), "route"));
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
