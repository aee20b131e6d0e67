package io.switchboard.api;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.InboundRequest;
import io.switchboard.gateway.spi.TokenCount;
import io.vertx.core.buffer.Buffer;

/**
 * A compatible API's call, the same for every dialect: the body is read into a {@link DialectRequest} by the
 * dialect, the {@code model} it names is resolved here, then the gateway answers it whole or as a stream in the
 * dialect's frames, as the body asks; or, for a dialect's token-count door, the gateway counts it
 * ({@link #countTokens}). A refused request throws a {@link GatewayException}, which the door's exception mapper
 * answers in the dialect's error format.
 */
@ApplicationScoped
public class DialectCalls {

    /** Turns a JSON object body into a dialect request; throws a {@link GatewayException} for bad input. */
    @FunctionalInterface
    public interface Reader {
        DialectRequest read(ObjectNode body, String requestId);
    }

    /** Says whether a token count is the backend's own ({@code exact}) or the gateway's estimate ({@code estimate}). */
    public static final String TOKEN_COUNT_HEADER = "x-switchboard-token-count";

    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final ObjectMapper json;
    private final CallAnswers answers;
    private final RequestLimits limits;
    private final Gateway gateway;

    public DialectCalls(ProviderRegistry registry, RouteTable routes, ObjectMapper json, CallAnswers answers,
            RequestLimits limits, Gateway gateway) {
        this.registry = registry;
        this.routes = routes;
        this.json = json;
        this.answers = answers;
        this.limits = limits;
        this.gateway = gateway;
    }

    public Uni<RestResponse<Object>> answer(byte[] body, Reader reader, InboundRequest inbound) {
        return answer(reader.read(JsonBodies.object(json, body, "a JSON object"), inbound.id()), inbound);
    }

    /** A request its door has read already: one that needed something loaded first (a stored conversation). */
    public Uni<RestResponse<Object>> answer(DialectRequest request, InboundRequest inbound) {
        ModelTarget target = ModelTarget.resolve(request.model(), registry, routes);
        limits.checkSize(request.context());
        if (request.stream()) {
            return answers.stream(request.context(), target.name(), target.model(), inbound,
                    request.streamFormat());
        }
        return CallAnswers.either(
                answers.whole(request.context(), target.name(), target.model(), inbound, request::answer));
    }

    /**
     * A token count: the body read as for a call, its {@code model} resolved the same way, the tokens counted
     * where the call would go ({@link Gateway#countTokens}); the answer is {@code body}'s JSON with
     * {@value #TOKEN_COUNT_HEADER} saying whether the backend counted or the gateway estimated.
     */
    public Uni<RestResponse<Buffer>> countTokens(byte[] body, Reader reader, InboundRequest inbound,
            Function<TokenCount, Buffer> answer) {
        DialectRequest request = reader.read(JsonBodies.object(json, body, "a JSON object"), inbound.id());
        ModelTarget target = ModelTarget.resolve(request.model(), registry, routes);
        limits.checkSize(request.context());
        return gateway.countTokens(request.context(), target.name(), target.model(), inbound)
                .map(count -> RestResponse.ResponseBuilder.ok(answer.apply(count))
                        .header("Content-Type", "application/json")
                        .header(TOKEN_COUNT_HEADER, count.exact() ? "exact" : "estimate").build());
    }
}
