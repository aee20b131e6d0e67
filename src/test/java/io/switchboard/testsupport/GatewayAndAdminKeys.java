package io.switchboard.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Gateway keys {@code key-one} and {@code key-two}, admin keys {@value #ADMIN_KEY} and {@code admin-secret-2}: one
 * configuration for the tests of gateway keys and of the admin API, so that they share one start of the
 * application (each test profile costs a fresh one, seconds). A {@code claude} provider (a mock) besides the tests'
 * own, as the contract's route examples name it.
 */
public class GatewayAndAdminKeys implements QuarkusTestProfile {

    public static final String ADMIN_KEY = "admin-secret-1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.auth.api-keys", "key-one, key-two", "switchboard.auth.admin-keys",
                ADMIN_KEY + ", admin-secret-2", "switchboard.providers.claude.type", "mock");
    }
}
