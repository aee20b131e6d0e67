package io.switchboard.api.gemini;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.api.JsonBodies;
import io.switchboard.api.JsonFields;
import io.switchboard.api.ModelTarget;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The Gemini API ({@code v1beta}): {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent}
 * ({@code ?alt=sse} for Server-Sent Events, else one streamed JSON array, as Google's API does) and
 * {@code :countTokens}, errors answered in Google's error shape. {@code {model}} is everything between
 * {@code models/} and the last {@code :}: a provider, a route or {@code provider/model} (two path segments), as in
 * the other compatible APIs. {@link V1} serves the same under {@code /v1/models/}.
 */
@Path("/v1beta/models")
public class GenerateContentResource {

    static final String MODELS = "/v1beta/models";
    /** The same methods under {@code v1}, the version Google's Java SDK asks for unless told otherwise. */
    static final String V1_MODELS = "/v1/models/";

    private final DialectCalls calls;
    private final GenerateContentReader reader;
    private final GeminiErrorFormat errors;
    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final ObjectMapper json;
    private final TokenCounts counts;

    GenerateContentResource(DialectCalls calls, GenerateContentReader reader, GeminiErrorFormat errors,
            ProviderRegistry registry, RouteTable routes, ObjectMapper json, TokenCounts counts) {
        this.calls = calls;
        this.reader = reader;
        this.errors = errors;
        this.registry = registry;
        this.routes = routes;
        this.json = json;
        this.counts = counts;
    }

    /**
     * Every method of a model: the path's last {@code :} starts the method's name, whatever the model's segments
     * hold before it.
     */
    @POST
    @Path("/{call: .+}")
    public RestMulti<Buffer> call(@PathParam("call") String call, @QueryParam("alt") String alt, byte[] body,
            RoutingContext rc) {
        int colon = call.lastIndexOf(':');
        String model = model(colon < 0 ? call : call.substring(0, colon));
        String method = colon < 0 ? "" : call.substring(colon + 1);
        return switch (method) {
            case "generateContent" -> calls.answer(body, (object, id) -> reader.read(object, model, id, false, false),
                    GatewayFilter.inbound(rc));
            case "streamGenerateContent" -> {
                boolean sse = "sse".equals(alt);
                yield calls.answer(body, (object, id) -> reader.read(object, model, id, true, sse),
                        GatewayFilter.inbound(rc));
            }
            case "countTokens" -> RestMulti.fromUniResponse(Uni.createFrom().item(countTokens(model, body, rc)),
                    count -> Multi.createFrom().item(count), count -> TokenCounts.HEADERS, count -> 200);
            default -> throw GatewayException.notFound("path: " + (colon < 0
                    ? "no method named (models/{model}:generateContent)"
                    : "unknown method \"" + method + "\"") + "; the methods are generateContent, streamGenerateContent"
                    + " and countTokens");
        };
    }

    /**
     * The request's size in tokens, estimated ({@link TokenCounts}): the body is read as {@code generateContent}
     * reads it (also inside {@code generateContentRequest}), so what it refuses is refused here too.
     */
    private Buffer countTokens(String model, byte[] body, RoutingContext rc) {
        ObjectNode request = JsonBodies.object(json, body, "a JSON object");
        ObjectNode inner = JsonFields.object(request, "generateContentRequest", "generateContentRequest");
        GenerateContentRequest read = reader.read(inner != null ? inner : request, model, GatewayFilter.requestId(rc),
                false, false);
        ModelTarget.resolve(model, registry, routes);
        return counts.estimate(read.context());
    }

    /** The path's model, without the {@code models/} a client may have repeated. */
    private static String model(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }

    /**
     * The methods under {@code /v1/models/}: Google's SDKs take the API version as an option, and the Java one asks
     * for {@code v1} by default. The class path is {@code /v1}, as the OpenAI-compatible API's, so that
     * {@code GET /v1/models} stays that API's list.
     */
    @Path("/v1")
    public static class V1 {

        private final GenerateContentResource methods;

        V1(GenerateContentResource methods) {
            this.methods = methods;
        }

        @POST
        @Path("/models/{call: .+}")
        public RestMulti<Buffer> call(@PathParam("call") String call, @QueryParam("alt") String alt, byte[] body,
                RoutingContext rc) {
            return methods.call(call, alt, body, rc);
        }

        @ServerExceptionMapper
        public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
            return methods.refused(error, rc);
        }
    }
}
