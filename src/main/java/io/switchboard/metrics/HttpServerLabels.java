package io.switchboard.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;

/**
 * Bounds the {@code method} label of Quarkus's HTTP server meters ({@code http.server.*}), and names a door's
 * error answers by its route template.
 * <p>
 * The {@code method} label is the request line's method as sent, and the HTTP codec accepts any token there:
 * each new one would be three more series of {@code http_server_requests_seconds}, kept for the life of the
 * process, for any caller without a key. A method outside the standard ones counts as {@value #OTHER}. The
 * registry looks a meter up by its unfiltered id first and keeps only the ids that created a meter, so an
 * invented method costs a filter call per request and no memory.
 * <p>
 * The {@code uri} label of an answer of 400 or more: with
 * {@code quarkus.micrometer.binder.http-server.suppress4xx-errors}, Quarkus keeps a route template there only
 * when it differs from the request's path, as it cannot tell a template without parameters from a raw path; so
 * every error answer of {@code /v1/chat/completions} or {@code /v1/generate} was {@code uri="UNKNOWN"}, out of
 * the dashboard's {@code uri=~"/v1/.*"}. Quarkus REST puts the template of the resource method it matched in
 * the request's context: that template is the label, a bounded set. A request no resource method matched (a
 * path no route serves, a refusal before routing) has none and keeps Quarkus's label ({@code NOT_FOUND},
 * {@code UNKNOWN}, the refused spelling's {@code /refused-path}), and Quarkus caps the label at
 * {@code quarkus.micrometer.binder.http-server.max-uri-tags} values. A request reset before its answer gets no
 * template from Quarkus when no resource method matched it; {@link #boundedUri} bounds its label.
 */
@Singleton
public class HttpServerLabels implements HttpServerMetricsTagsContributor {

    /** The {@code method} label of every method that is not a standard one. */
    public static final String OTHER = "OTHER";

    /** RFC 9110's methods and PATCH, as Vert.x names them (upper case; a method name is case-sensitive). */
    private static final String[] METHODS = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
            "PATCH" };

    /** Where Quarkus REST keeps the matched resource method's path template, in the request's context. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** The {@code uri} label of a hang-up on a path no answered request has been counted under. */
    public static final String UNKNOWN = "UNKNOWN";

    private static final String REQUESTS = "http.server.requests";
    private static final String RESET = "RESET";

    /** The {@code uri} labels of answered requests: bounded, as Quarkus and {@link #contribute} choose them. */
    private final Set<String> answeredUris = ConcurrentHashMap.newKeySet();

    @Produces
    @Singleton
    MeterFilter boundedHttpLabels() {
        MeterFilter methods = MeterFilter.replaceTagValues("method", method -> OTHER, METHODS);
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server.")) {
                    return id;
                }
                Meter.Id bounded = methods.map(id);
                return REQUESTS.equals(id.getName()) ? boundedUri(bounded) : bounded;
            }
        };
    }

    /**
     * A request the client resets before its answer is counted by Quarkus with its raw path as {@code uri} when no
     * resource method matched it: a series per path any caller invents. Its label is kept only when an answered
     * request was counted under it. Runs only for a series not seen before, so not per request.
     */
    private Meter.Id boundedUri(Meter.Id id) {
        String uri = id.getTag("uri");
        if (uri == null) {
            return id;
        }
        if (!RESET.equals(id.getTag("status"))) {
            answeredUris.add(uri);
            return id;
        }
        return answeredUris.contains(uri) ? id : id.replaceTags(Tags.of(id.getTagsAsIterable()).and("uri", UNKNOWN));
    }

    /** Replaces Quarkus's {@code uri} label of an error answer with the matched template; nothing otherwise. */
    @Override
    public Tags contribute(Context context) {
        if (context.response().statusCode() < 400) {
            return Tags.empty();
        }
        String template = context.requestContextLocalData(URL_PATH_TEMPLATE);
        return template == null ? Tags.empty() : Tags.of("uri", template);
    }
}
