package io.switchboard.governance;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A gateway key ({@code key-one}), an admin key ({@value #ADMIN_KEY}) to create virtual keys with, and
 * {@link FixedPricing} for their budgets: the configuration of the virtual-key tests, on either store.
 */
public class VirtualKeysProfile implements QuarkusTestProfile {

    public static final String ADMIN_KEY = "keys-admin-key";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.auth.api-keys", "key-one", "switchboard.auth.admin-keys", ADMIN_KEY,
                "quarkus.arc.selected-alternatives", FixedPricing.class.getName());
    }
}
