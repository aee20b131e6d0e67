package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.config.SwitchboardConfig;

/**
 * How provider keys reach the application from environment variables, as docs/configuration.md ("Settings
 * as environment variables") describes it (SmallRye Config's mapping rules, checked rather than assumed).
 */
class EnvironmentKeysTest {

    @Test
    void should_set_a_declared_providers_key_from_its_environment_variable() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of("switchboard.providers.openai.type", "openai"),
                Map.of("SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "placeholder-1"));

        assertThat(config.providers().get("openai").apiKey()).contains("placeholder-1");
    }

    @Test
    void should_set_a_dashed_providers_key_from_its_environment_variable_when_the_provider_is_declared() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of("switchboard.providers.my-llm.type", "vllm"),
                Map.of("SWITCHBOARD_PROVIDERS_MY_LLM_API_KEY", "placeholder-2"));

        assertThat(config.providers().get("my-llm").apiKey()).contains("placeholder-2");
    }

    @Test
    void should_resolve_a_key_referenced_as_an_expression() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of("switchboard.providers.openai.type", "openai",
                "switchboard.providers.openai.api-key", "${OPENAI_API_KEY}"), Map.of("OPENAI_API_KEY", "placeholder-3"));

        assertThat(config.providers().get("openai").apiKey()).contains("placeholder-3");
    }

    @Test
    void should_discover_a_single_word_provider_from_environment_variables_alone() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of(), Map.of("SWITCHBOARD_PROVIDERS_OPENAI_TYPE",
                "openai", "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "placeholder-4"));

        assertThat(config.providers()).containsKey("openai");
        assertThat(config.providers().get("openai").apiKey()).contains("placeholder-4");
    }

    @Test
    void should_not_discover_a_dashed_provider_from_environment_variables_alone() {
        // SWITCHBOARD_PROVIDERS_MY_LLM_TYPE could be "my-llm" + "type" or "my" + "llm-type": the name is
        // ambiguous, so docs/configuration.md says to declare such a provider in application.properties.
        SwitchboardConfig config = DeployConfig.switchboard(Map.of(),
                Map.of("SWITCHBOARD_PROVIDERS_MY_LLM_TYPE", "vllm"));

        assertThat(config.providers()).doesNotContainKey("my-llm");
    }

    @Test
    void should_set_the_gateway_keys_from_their_environment_variable() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of(), Map.of("SWITCHBOARD_AUTH_API_KEYS", "one,two"));

        assertThat(config.auth().apiKeys()).contains(java.util.List.of("one", "two"));
    }

    @Test
    void should_set_the_reasoning_key_from_the_environment_variable_the_deployment_passes() {
        SwitchboardConfig config = DeployConfig.switchboard(Map.of(),
                Map.of("SWITCHBOARD_RESPONSES_REASONING_KEY", "shared-by-every-replica"));

        assertThat(config.responses().reasoningKey()).contains("shared-by-every-replica");
    }
}
