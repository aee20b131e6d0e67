package io.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.gateway.Gateway;

/**
 * The answers of a muted route, which the caller keeps but does not broadcast. The native API says so in
 * {@code metadata.muted}; the compatible APIs' answers have no place for it, so every door also says it with
 * a response header, which their SDKs pass through untouched.
 */
final class MutedAnswers {

    static final String HEADER = "X-Switchboard-Muted";

    private MutedAnswers() {
    }

    static boolean isMuted(ObjectNode metadata) {
        return metadata != null && metadata.path(Gateway.MUTED).asBoolean(false);
    }
}
