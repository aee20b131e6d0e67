package io.switchboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/openapi}: the checked-in contract, {@code openapi.yaml} (packaged as
 * {@code META-INF/openapi.yaml}), as it is; as JSON with {@code ?format=json} or {@code Accept:
 * application/json}. Served here rather than by the SmallRye OpenAPI extension, which reads,
 * models and writes the whole document twice at every start-up (a third of the start-up time) to
 * serve the same content. The file is read, and converted to JSON, on a worker thread on first
 * use and kept.
 */
@ApplicationScoped
public class OpenApiRoute {

    static final String PATH = "/q/openapi";
    private static final String RESOURCE = "META-INF/openapi.yaml";

    private volatile Buffer yaml;
    private volatile Buffer json;

    void register(@Observes Router router) {
        router.get(PATH).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        boolean wantsJson = "json".equalsIgnoreCase(rc.request().getParam("format"))
                || (rc.request().getParam("format") == null && accept != null && accept.contains("application/json"));
        Buffer ready = wantsJson ? json : yaml;
        if (ready != null) {
            send(rc, ready, wantsJson);
            return;
        }
        rc.vertx().<Buffer> executeBlocking(() -> wantsJson ? json() : yaml(), false).onComplete(result -> {
            if (result.succeeded()) {
                send(rc, result.result(), wantsJson);
            } else {
                rc.fail(result.cause());
            }
        });
    }

    private static void send(RoutingContext rc, Buffer body, boolean isJson) {
        rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, isJson ? "application/json;charset=UTF-8"
                        : "application/yaml;charset=UTF-8")
                .end(body);
    }

    private Buffer yaml() {
        if (yaml == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the application");
                }
                yaml = Buffer.buffer(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return yaml;
    }

    private Buffer json() {
        if (json == null) {
            try {
                json = Buffer.buffer(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml().getBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}
