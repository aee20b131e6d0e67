package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValidationException;
import io.switchboard.testsupport.TestConfig;

/**
 * The start-up rule of the gateway's keys, on configuration read as the application reads it (expressions
 * expanded, environment variables over properties): a key list that is set but resolves to nothing stops the
 * start naming the setting, and {@code /v1} is open only when asked for.
 */
class GatewayAuthTest {

    private static final String API_KEYS = "switchboard.auth.api-keys";
    private static final String ADMIN_KEYS = "switchboard.auth.admin-keys";

    private static GatewayAuth auth(Map<String, String> properties, Map<String, String> env) {
        return new GatewayAuth(TestConfig.load(properties, env));
    }

    @Test
    void should_serve_v1_open_and_keep_the_admin_api_off_when_no_auth_setting_is_given() {
        GatewayAuth auth = auth(Map.of(), Map.of());

        assertThat(auth.open()).isTrue();
        assertThat(auth.clientKeys().isEmpty()).isTrue();
        assertThat(auth.adminKeys().isEmpty()).isTrue();
    }

    @Test
    void should_ask_for_the_configured_keys() {
        GatewayAuth auth = auth(Map.of(API_KEYS, "${SWITCHBOARD_GATEWAY_KEYS}", ADMIN_KEYS, "admin-one"),
                Map.of("SWITCHBOARD_GATEWAY_KEYS", "key-one,key-two"));

        assertThat(auth.open()).isFalse();
        assertThat(auth.clientKeys().size()).isEqualTo(2);
        assertThat(auth.clientKeys().accepts("Bearer key-two")).isTrue();
        assertThat(auth.adminKeys().accepts("Bearer admin-one")).isTrue();
    }

    @Test
    void should_refuse_to_start_when_the_gateway_keys_resolve_to_nothing() {
        String reference = "${SWITCHBOARD_GATEWAY_KEYS}";
        for (Map<String, String> env : List.of(Map.<String, String> of(),
                Map.of("SWITCHBOARD_GATEWAY_KEYS", ""), Map.of("SWITCHBOARD_GATEWAY_KEYS", "  "))) {
            assertThatThrownBy(() -> auth(Map.of(API_KEYS, reference), env)).as("environment %s", env)
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("\t" + API_KEYS + ": set to " + reference)
                    .hasMessageContaining("but empty").hasMessageContaining("switchboard.auth.open=true");
        }
        assertThatThrownBy(() -> auth(Map.of(API_KEYS, "${SWITCHBOARD_GATEWAY_KEYS:}"), Map.of()))
                .hasMessageContaining("\t" + API_KEYS + ": set to ${SWITCHBOARD_GATEWAY_KEYS:}");
        assertThatThrownBy(() -> auth(Map.of(API_KEYS, ""), Map.of())).hasMessageContaining("\t" + API_KEYS + ": set in");
        // the environment variable of the setting itself, present but empty, overrides a configured list
        assertThatThrownBy(() -> auth(Map.of(API_KEYS, "key-one"), Map.of("SWITCHBOARD_AUTH_API_KEYS", "")))
                .hasMessageContaining("\t" + API_KEYS + ": set in EnvConfigSource").hasMessageNotContaining("key-one");
    }

    @Test
    void should_refuse_to_start_when_the_admin_keys_resolve_to_nothing() {
        assertThatThrownBy(() -> auth(Map.of(API_KEYS, "key-one", ADMIN_KEYS, "${SWITCHBOARD_ADMIN_KEYS}"), Map.of()))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("\t" + ADMIN_KEYS + ": set to ${SWITCHBOARD_ADMIN_KEYS}")
                .hasMessageContaining("to keep the admin API off").hasMessageNotContaining("key-one");
        assertThatThrownBy(() -> auth(Map.of("switchboard.auth.open", "true"),
                Map.of("SWITCHBOARD_AUTH_ADMIN_KEYS", ""))).hasMessageContaining("\t" + ADMIN_KEYS + ": set in");
    }

    @Test
    void should_serve_v1_open_when_asked_for_and_keep_the_admin_keys() {
        GatewayAuth auth = auth(Map.of("switchboard.auth.open", "true", ADMIN_KEYS, "admin-one"), Map.of());

        assertThat(auth.open()).isTrue();
        assertThat(auth.clientKeys().isEmpty()).isTrue();
        assertThat(auth.adminKeys().accepts("Bearer admin-one")).isTrue();
    }

    @Test
    void should_refuse_to_start_when_open_is_asked_for_together_with_gateway_keys() {
        assertThatThrownBy(() -> auth(Map.of("switchboard.auth.open", "true", API_KEYS, "key-one"), Map.of()))
                .hasMessageContaining("\t" + "switchboard.auth.open=true and " + API_KEYS + " are both set")
                .hasMessageNotContaining("key-one");
    }

    @Test
    void should_refuse_to_start_open_when_open_is_refused_and_no_key_of_any_kind_is_given() {
        assertThatThrownBy(() -> auth(Map.of("switchboard.auth.open", "false"), Map.of()))
                .hasMessageContaining("\t" + API_KEYS + ": not set, while switchboard.auth.open=false is");
    }

    // the admin API creates virtual keys: with admin keys alone /v1 is closed until one is created
    @Test
    void should_protect_v1_with_virtual_keys_only_when_admin_keys_are_given_without_gateway_keys() {
        GatewayAuth auth = auth(Map.of(ADMIN_KEYS, "admin-one"), Map.of());
        assertThat(auth.open()).isFalse();
        assertThat(auth.clientKeys().isEmpty()).isTrue();
        assertThat(auth(Map.of(ADMIN_KEYS, "admin-one", "switchboard.auth.open", "false"), Map.of()).open()).isFalse();
    }

    @Test
    void should_refuse_a_blank_entry_as_before() {
        assertThatThrownBy(() -> auth(Map.of(API_KEYS, "key-one, ,key-two"), Map.of()))
                .hasMessageContaining("\t" + API_KEYS + ": entry 2 of 3 is blank").hasMessageNotContaining("key-one");
    }
}
