package io.switchboard.api.gemini;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.CallAnswers;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.api.JsonFields;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The Gemini API ({@code v1beta}): {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent}
 * ({@code ?alt=sse} for Server-Sent Events, else one streamed JSON array, as Google's API does) and
 * {@code :countTokens} (counted where the call would go, {@link DialectCalls#countTokens}), {@code :embedContent} and
 * {@code :batchEmbedContents} ({@link EmbedContent}), errors answered in Google's error
 * shape. {@code {model}} is everything between
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
    private final EmbedContent embeddings;
    private final GeminiErrorFormat errors;

    GenerateContentResource(DialectCalls calls, GenerateContentReader reader, EmbedContent embeddings,
            GeminiErrorFormat errors) {
        this.calls = calls;
        this.reader = reader;
        this.embeddings = embeddings;
        this.errors = errors;
    }

    /**
     * Every method of a model: the path's last {@code :} starts the method's name, whatever the model's segments
     * hold before it.
     */
    @POST
    @Path("/{call: .+}")
    public Uni<RestResponse<Object>> call(@PathParam("call") String call, @QueryParam("alt") String alt,
            byte[] body, RoutingContext rc) {
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
            case "countTokens" -> CallAnswers.either(calls.countTokens(body, (object, id) -> {
                ObjectNode inner = JsonFields.object(object, "generateContentRequest", "generateContentRequest");
                return reader.read(inner != null ? inner : object, model, id, false, false);
            }, GatewayFilter.inbound(rc), count -> Buffer.buffer("{\"totalTokens\":" + count.inputTokens() + "}")));
            case "embedContent" -> embeddings.embed(model, body, false, GatewayFilter.inbound(rc));
            case "batchEmbedContents" -> embeddings.embed(model, body, true, GatewayFilter.inbound(rc));
            default -> throw GatewayException.notFound("path: " + (colon < 0
                    ? "no method named (models/{model}:generateContent)"
                    : "unknown method \"" + method + "\"") + "; the methods are generateContent, streamGenerateContent,"
                    + " countTokens, embedContent and batchEmbedContents");
        };
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
        public Uni<RestResponse<Object>> call(@PathParam("call") String call, @QueryParam("alt") String alt,
                byte[] body, RoutingContext rc) {
            return methods.call(call, alt, body, rc);
        }

        @ServerExceptionMapper
        public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
            return methods.refused(error, rc);
        }
    }
}
