package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * A compatible API's error format: the dialect gives its JSON shape, this writes it. It also applies to
 * failures met before the dialect's route runs (the gateway key, shutdown, a declared body over the limit),
 * chosen by the request path: every path that starts with one of the dialect's paths.
 * <p>
 * A dialect's format is a {@code @Singleton}: it keeps no state, and a normal scope's client proxy would need
 * a constructor without arguments here.
 */
public abstract class DialectErrorFormat implements ErrorFormat {

    private final ObjectMapper json;
    private final String[] paths;

    protected DialectErrorFormat(ObjectMapper json, String... paths) {
        this.json = json;
        this.paths = paths.clone();
    }

    public boolean serves(String path) {
        for (String served : paths) {
            if (path.startsWith(served)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Buffer body(GatewayException error, String requestId) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(shape(error, requestId)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error not serializable", e);
        }
    }

    /** The dialect's error body for {@code error}, the same its stream format writes for a failure mid-stream. */
    protected abstract ObjectNode shape(GatewayException error, String requestId);
}
