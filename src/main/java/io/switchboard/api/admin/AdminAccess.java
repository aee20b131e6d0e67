package io.switchboard.api.admin;

import jakarta.inject.Singleton;

import io.switchboard.api.BearerKeys;
import io.switchboard.api.GatewayAuth;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;

/**
 * The one check of the admin API: every admin endpoint asks it for an admin key
 * ({@code switchboard.auth.admin-keys}) on the endpoint itself, whatever spelling of the path reached it.
 */
@Singleton
public final class AdminAccess {

    private final BearerKeys adminKeys;

    public AdminAccess(GatewayAuth auth) {
        this.adminKeys = auth.adminKeys();
    }

    /** Whether any admin key is configured: without one the admin API is off. */
    public boolean on() {
        return !adminKeys.isEmpty();
    }

    /** Checks the admin key of an {@code Authorization} header; returns who presented it, for the log. */
    public String authorize(String authorization) {
        if (adminKeys.isEmpty()) {
            throw GatewayException.of(ErrorType.FORBIDDEN,
                    "the admin API is off: set switchboard.auth.admin-keys to turn it on");
        }
        if (!adminKeys.accepts(authorization)) {
            throw GatewayException.unauthorized("a valid admin key is required: Authorization: Bearer <admin key>");
        }
        return "key " + BearerKeys.fingerprint(authorization);
    }
}
