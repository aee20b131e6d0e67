package io.switchboard.governance;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A gateway key ({@code key-one}), an admin key ({@value #ADMIN_KEY}) to create virtual keys with, and prices for
 * their budgets: the {@code openai} and {@code mock} providers at {@value #INPUT_PER_MILLION} USD per million input
 * tokens and {@value #OUTPUT_PER_MILLION} per million output tokens. The configuration of the virtual-key tests, on
 * either store.
 */
public class VirtualKeysProfile implements QuarkusTestProfile {

    public static final String ADMIN_KEY = "keys-admin-key";
    static final double INPUT_PER_MILLION = 1;
    static final double OUTPUT_PER_MILLION = 10;
    /** USD per output token. */
    static final double OUTPUT = OUTPUT_PER_MILLION / 1e6;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.auth.api-keys", "key-one", "switchboard.auth.admin-keys", ADMIN_KEY,
                "switchboard.providers.openai.pricing.input", String.valueOf(INPUT_PER_MILLION),
                "switchboard.providers.openai.pricing.output", String.valueOf(OUTPUT_PER_MILLION),
                "switchboard.providers.mock.pricing.input", String.valueOf(INPUT_PER_MILLION),
                "switchboard.providers.mock.pricing.output", String.valueOf(OUTPUT_PER_MILLION));
    }
}
