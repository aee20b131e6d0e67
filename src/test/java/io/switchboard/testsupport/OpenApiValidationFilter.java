package io.switchboard.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Validates every rest-assured call against {@code openapi.yaml}: the request before it is sent, the
 * response when it comes back. Either invalid throws an {@link AssertionError} listing every
 * message. JSON bodies are validated; a {@code text/event-stream} body is not read here (validate
 * its events with {@link OpenApiContract#assertValidStream(String)}), but its status, content type
 * and headers are. Our own filter, because the library's rest-assured adapter is not published for
 * 3.x. Get it from {@link OpenApiContract#filter()}.
 */
public final class OpenApiValidationFilter implements Filter {

    private static final String EVENT_STREAM = "text/event-stream";
    // Raised for a response whose media type declares a schema but which carries no body: exactly
    // what this filter hands over for a stream, whose body it leaves unread.
    private static final String BODY_MISSING = "validation.response.body.missing";

    private final OpenApiInteractionValidator validator;
    private final boolean validateRequest;

    OpenApiValidationFilter(OpenApiInteractionValidator validator, boolean validateRequest) {
        this.validator = validator;
        this.validateRequest = validateRequest;
    }

    /**
     * The same filter for calls that send a deliberately invalid request (to test the gateway's
     * {@code 400}): the request is not validated, the response still is.
     */
    public OpenApiValidationFilter withoutRequestValidation() {
        return new OpenApiValidationFilter(validator, false);
    }

    @Override
    public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        SimpleRequest request = toRequest(requestSpec);
        if (validateRequest) {
            fail("request", request, validator.validateRequest(request));
        }
        Response response = ctx.next(requestSpec, responseSpec);
        boolean stream = isEventStream(response.getContentType());
        ValidationReport report = validator.validateResponse(request.getPath(), request.getMethod(),
                toResponse(response, stream));
        if (stream) {
            report = ValidationReport.from(report.getMessages().stream()
                    .filter(message -> !BODY_MISSING.equals(message.getKey()))
                    .toList());
        }
        fail("response " + response.getStatusCode(), request, report);
        return response;
    }

    private static SimpleRequest toRequest(FilterableRequestSpecification spec) {
        URI uri = URI.create(spec.getURI());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(spec.getMethod(), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                builder.withQueryParam(decode(name), decode(value));
            }
        }
        for (Header header : spec.getHeaders()) {
            builder.withHeader(header.getName(), header.getValue());
        }
        if (!spec.getHeaders().hasHeaderWithName("Content-Type") && spec.getContentType() != null) {
            builder.withContentType(spec.getContentType());
        }
        Object body = spec.getBody();
        if (body instanceof byte[] bytes) {
            builder.withBody(bytes);
        } else if (body != null) {
            // rest-assured serializes maps and objects when body(...) is called, so this is JSON text.
            builder.withBody(body.toString());
        }
        return builder.build();
    }

    private static SimpleResponse toResponse(Response response, boolean stream) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(response.getStatusCode());
        for (Header header : response.getHeaders()) {
            builder.withHeader(header.getName(), header.getValue());
        }
        if (!stream) {
            String body = response.asString();
            if (!body.isEmpty()) {
                builder.withBody(body);
            }
        }
        return builder.build();
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith(EVENT_STREAM);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void fail(String what, Request request, ValidationReport report) {
        if (report.hasErrors()) {
            throw new AssertionError("The " + what + " of " + request.getMethod() + " " + request.getPath()
                    + " breaks " + OpenApiContract.LOCATION + ":\n" + OpenApiContract.describe(report));
        }
    }
}
