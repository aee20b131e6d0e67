package io.switchboard.api;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import io.switchboard.config.ConfigProblems;

/**
 * Who may call the gateway: the gateway keys {@code /v1} asks for, the admin keys of the admin API, and
 * whether {@code /v1} is open. Read and checked once, at start-up, where a configuration that would open the
 * API without asking for it stops the start:
 * <ul>
 * <li>a key list that is set but names no key (e.g. {@code ${SWITCHBOARD_GATEWAY_KEYS}} with the variable unset
 * or empty) is an error naming the setting, never a list that leaves the API open or the admin API off;</li>
 * <li>{@code /v1} is open only when asked for: {@code switchboard.auth.open=true}, or no {@code switchboard.auth}
 * setting at all (the keyless run of the built-in configuration);</li>
 * <li>{@code switchboard.auth.open=true} together with gateway keys is an error: one of them is a mistake;</li>
 * <li>admin keys without gateway keys (and without {@code open=true}) protect {@code /v1} with the virtual keys
 * the admin API creates only: until one is created, no client gets in.</li>
 * </ul>
 * The admin API is never open: without admin keys it is off.
 */
@Singleton
public final class GatewayAuth {

    static final String API_KEYS = "switchboard.auth.api-keys";
    static final String ADMIN_KEYS = "switchboard.auth.admin-keys";
    static final String OPEN = "switchboard.auth.open";

    private static final Logger LOG = Logger.getLogger(GatewayAuth.class);

    private final BearerKeys clientKeys;
    private final BearerKeys adminKeys;
    private final boolean open;

    public GatewayAuth(Config config) {
        Optional<BearerKeys> client = keys(config, API_KEYS);
        Optional<BearerKeys> admin = keys(config, ADMIN_KEYS);
        Optional<Boolean> openSetting = config.getOptionalValue(OPEN, Boolean.class);
        boolean askedOpen = openSetting.orElse(false);
        if (client.isPresent() && askedOpen) {
            throw ConfigProblems.of(OPEN + "=true and " + API_KEYS + " are both set: leave out one of them ("
                    + OPEN + " serves /v1 without a key, " + API_KEYS + " asks for one)");
        }
        if (client.isEmpty() && admin.isEmpty() && openSetting.isPresent() && !askedOpen) {
            throw ConfigProblems.of(API_KEYS + ": not set, while " + OPEN + "=false is, so /v1 would be open without "
                    + "having been asked for; give the gateway keys, or " + ADMIN_KEYS + " to create virtual keys, or "
                    + "set " + OPEN + "=true to serve /v1 without a key");
        }
        this.clientKeys = client.orElse(BearerKeys.NONE);
        this.adminKeys = admin.orElse(BearerKeys.NONE);
        this.open = client.isEmpty() && (askedOpen || admin.isEmpty());
        if (client.isPresent()) {
            LOG.infof("The API is protected: /v1 requests need one of the %d gateway keys of %s, or a virtual key",
                    clientKeys.size(), API_KEYS);
        } else if (!open) {
            LOG.infof("The API is protected: /v1 requests need a virtual key (POST /v1/keys with an admin key of %s "
                    + "creates them)", ADMIN_KEYS);
        } else if (askedOpen) {
            LOG.warnf("The API is OPEN, as %s=true asks: /v1 requests are served without a gateway key", OPEN);
        } else {
            LOG.warnf("The API is OPEN: no switchboard.auth setting is given, so /v1 requests are served without a"
                    + " gateway key (set %s to ask for one)", API_KEYS);
        }
    }

    /**
     * The keys of a key-list setting; empty when the setting is not given at all. A setting that is given but
     * resolves to nothing (an empty value, or an expression over an unset or empty variable) stops the start.
     */
    private static Optional<BearerKeys> keys(Config config, String setting) {
        ConfigValue value = config.getConfigValue(setting);
        String raw = value.getRawValue();
        if (raw == null) {
            return Optional.empty();
        }
        String resolved = value.getValue();
        if (resolved == null || resolved.isBlank()) {
            // the value is blank, so what it was written as (an expression, or nothing) holds no key
            throw ConfigProblems.of(setting + ": set" + (raw.isBlank() ? "" : " to " + raw) + " in "
                    + value.getSourceName() + ", but empty (an unset or empty environment variable?): give at least"
                    + " one key, or leave the setting out"
                    + (setting.equals(API_KEYS) ? " and set " + OPEN + "=true to serve /v1 without a key"
                            : " to keep the admin API off"));
        }
        return Optional.of(BearerKeys.of(setting, resolved));
    }

    /** The gateway keys; none when {@code /v1} is open. */
    public BearerKeys clientKeys() {
        return clientKeys;
    }

    /** The admin keys; none when the admin API is off. */
    public BearerKeys adminKeys() {
        return adminKeys;
    }

    /** Whether {@code /v1} is served without a gateway key. */
    public boolean open() {
        return open;
    }
}
