package io.switchboard.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The API doors open, the admin API on with one admin key, at most {@value #MAX_ROUTES} runtime routes: one
 * configuration for the tests of the open switch, of names, of route writes and of the route stores. Each test
 * profile costs a fresh start of the application (seconds); tests sharing this one are started once, and a test
 * that needs another store gets it from a test resource restricted to its class, a quicker restart.
 */
public class OpenWithAdminKey implements QuarkusTestProfile {

    public static final String ADMIN_KEY = "open-admin-key";
    public static final int MAX_ROUTES = 8;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.auth.open", "true", "switchboard.auth.admin-keys", ADMIN_KEY,
                "switchboard.store.max-routes", String.valueOf(MAX_ROUTES));
    }
}
