package io.switchboard.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** A whole 2xx answer of a backend. */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {
}
