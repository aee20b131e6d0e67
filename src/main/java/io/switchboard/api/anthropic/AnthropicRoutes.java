package io.switchboard.api.anthropic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.switchboard.api.DialectEndpoint;
import io.switchboard.api.GatewayFilter;
import io.switchboard.api.HttpErrors;
import io.switchboard.errors.GatewayException;
import io.vertx.ext.web.Router;

/**
 * The Anthropic-compatible API: {@code POST /v1/messages} (whole or streamed). Token counting is
 * answered 404: a count that is right for one backend's tokenizer would be wrong for the others.
 */
@ApplicationScoped
class AnthropicRoutes {

    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    /** The door keeps nothing: its collaborators are needed only to register its routes. */
    void register(@Observes Router router, DialectEndpoint endpoint, MessagesRequestReader reader,
            AnthropicErrorFormat errors) {
        endpoint.post(router, MESSAGES, reader::read, errors);
        router.post(COUNT_TOKENS).handler(rc -> HttpErrors.write(rc.response(), errors, GatewayException.notFound(
                "count_tokens is not supported: Switchboard fronts backends with different tokenizers"),
                GatewayFilter.requestId(rc)));
    }
}
