package io.switchboard.gateway.spi;

import io.switchboard.governance.KeyUse;
import io.switchboard.metrics.Exchange;
import io.vertx.core.MultiMap;

/**
 * The client's request a call serves, as the layers below the doors know it: passed from the door through
 * the gateway to the provider and its upstream call, instead of looked up from where the call runs.
 *
 * @param id the request id ({@code X-Request-Id}), stamped on the answer's metadata and its errors
 * @param exchange what the request did, for its access-log line and its overhead ({@link Exchange#NONE} when
 *        no access log follows it)
 * @param headers the client's request headers, read by a provider that passes one of them on (the Anthropic
 *        provider's token count passes {@code anthropic-beta})
 * @param key the virtual key the request was made with, or null (a gateway key, or none)
 */
public record InboundRequest(String id, Exchange exchange, MultiMap headers, KeyUse key) {

    /** A request made without a virtual key. */
    public InboundRequest(String id, Exchange exchange, MultiMap headers) {
        this(id, exchange, headers, null);
    }

    /** A request with no client headers. */
    public InboundRequest(String id, Exchange exchange) {
        this(id, exchange, MultiMap.caseInsensitiveMultiMap(), null);
    }
}
