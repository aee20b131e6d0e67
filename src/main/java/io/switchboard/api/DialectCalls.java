package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.InboundRequest;
import io.vertx.core.buffer.Buffer;

/**
 * A compatible API's call, the same for every dialect: the body is read into a {@link DialectRequest} by the
 * dialect, the {@code model} it names is resolved here, then the gateway answers it whole or as a stream in the
 * dialect's frames, as the body asks. A refused request throws a {@link GatewayException}, which the door's
 * exception mapper answers in the dialect's error format.
 */
@ApplicationScoped
public class DialectCalls {

    /** Turns a JSON object body into a dialect request; throws a {@link GatewayException} for bad input. */
    @FunctionalInterface
    public interface Reader {
        DialectRequest read(ObjectNode body, String requestId);
    }

    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final ObjectMapper json;
    private final CallAnswers answers;
    private final RequestLimits limits;

    public DialectCalls(ProviderRegistry registry, RouteTable routes, ObjectMapper json, CallAnswers answers,
            RequestLimits limits) {
        this.registry = registry;
        this.routes = routes;
        this.json = json;
        this.answers = answers;
        this.limits = limits;
    }

    public RestMulti<Buffer> answer(byte[] body, Reader reader, InboundRequest inbound) {
        return answer(reader.read(JsonBodies.object(json, body, "a JSON object"), inbound.id()), inbound);
    }

    /** A request its door has read already: one that needed something loaded first (a stored conversation). */
    public RestMulti<Buffer> answer(DialectRequest request, InboundRequest inbound) {
        ModelTarget target = ModelTarget.resolve(request.model(), registry, routes);
        limits.checkSize(request.context());
        if (request.stream()) {
            return answers.stream(request.context(), target.name(), target.model(), inbound,
                    request.streamFormat());
        }
        return answers.wholeAsMulti(request.context(), target.name(), target.model(), inbound, request::answer);
    }
}
