package io.switchboard.upstream;

import io.switchboard.metrics.Exchange;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One call to a backend.
 *
 * @param path the path and query, appended to the provider's base URL path
 * @param headers request headers (auth included; never logged)
 * @param body the JSON body
 * @param perRequestKey whether the auth came from the caller's {@code metadata.api_key}
 * @param exchange the exchange of the client's request this call serves, which counts the time spent waiting for
 *        the backend ({@link Exchange#NONE} when no request is followed)
 */
public record UpstreamRequest(String path, MultiMap headers, Buffer body, boolean perRequestKey, Exchange exchange) {

    public static UpstreamRequest post(String path, Buffer body, boolean perRequestKey, Exchange exchange) {
        return new UpstreamRequest(path, MultiMap.caseInsensitiveMultiMap(), body, perRequestKey, exchange);
    }

    public UpstreamRequest header(String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
        return this;
    }
}
