package io.switchboard.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValidationException;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.model.Usage;
import io.switchboard.testsupport.TestConfig;

/** The arithmetic of a cost, the catalog's model matching and the checks of configured prices. */
class CatalogPricingTest {

    private static final Map<String, String> PROVIDERS = Map.of(
            "switchboard.providers.claude.type", "anthropic",
            "switchboard.providers.gpt.type", "openai",
            "switchboard.providers.google.type", "gemini",
            "switchboard.providers.local.type", "ollama",
            "switchboard.providers.lab.type", "vllm",
            "switchboard.providers.lab.pricing.output", "0.5",
            "switchboard.providers.lab.pricing.input", "0.25");

    private static CatalogPricing pricing(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(PROVIDERS);
        properties.putAll(extra);
        return new CatalogPricing(TestConfig.load(properties, Map.of()).getConfigMapping(SwitchboardConfig.class));
    }

    @Test
    void should_price_each_counter_at_its_own_price_and_no_token_twice() {
        // claude-haiku-4-5 per million: input 1, cache read 0.10, write 5 min 1.25, write 1 h 2, output 5
        Usage usage = new Usage(1_000_000, 1_000_000, 1_000_000, 3_000_000, 1_000_000, 1_000_000);
        assertThat(pricing(Map.of()).cost("claude", "claude-haiku-4-5", usage))
                .isCloseTo(1 + 0.10 + 2 * 1.25 + 2 + 2 * 5, within(1e-9));
    }

    @Test
    void should_price_a_long_prompt_at_the_long_context_prices() {
        CatalogPricing pricing = pricing(Map.of());
        // 200 000 prompt tokens is not above the threshold; 150 000 fresh and 60 000 read from the cache is
        assertThat(pricing.cost("claude", "claude-sonnet-4-5", new Usage(200_000, 1000)))
                .isCloseTo(0.6 + 0.015, within(1e-9));
        assertThat(pricing.cost("claude", "claude-sonnet-4-5", new Usage(150_000, 1000, 60_000, null, null)))
                .isCloseTo(150_000 * 6e-6 + 60_000 * 0.6e-6 + 1000 * 22.5e-6, within(1e-9));
        assertThat(pricing.cost("google", "gemini-2.5-pro", new Usage(300_000, 1000)))
                .isCloseTo(300_000 * 2.5e-6 + 1000 * 15e-6, within(1e-9));
        assertThat(pricing.worstCase("google", "gemini-2.5-pro", 300_000, 1000))
                .isCloseTo(300_000 * 2.5e-6 + 1000 * 15e-6, within(1e-9));
    }

    @Test
    void should_match_a_dated_snapshot_and_never_a_newer_version() {
        CatalogPricing pricing = pricing(Map.of());
        Usage tokens = new Usage(100_000, 0);
        assertThat(pricing.cost("claude", "claude-sonnet-4-5-20250929", tokens)).isEqualTo(0.3);
        assertThat(pricing.cost("claude", "claude-opus-4-0", tokens)).isEqualTo(1.5);
        assertThat(pricing.cost("gpt", "gpt-4o-2024-08-06", tokens)).isEqualTo(0.25);
        assertThat(pricing.cost("gpt", "gpt-4.1-mini", tokens)).isEqualTo(0.04);
        // a version the catalog does not know is unpriced, not priced as an older one
        assertThat(pricing.cost("claude", "claude-sonnet-4-7", tokens)).isNaN();
        assertThat(pricing.cost("gpt", "gpt-unknown", tokens)).isNaN();
        assertThat(pricing.worstCase("gpt", "gpt-unknown", 10, 10)).isNaN();
        assertThat(pricing.cost("nobody", "gpt-4o", tokens)).isNaN();
    }

    @Test
    void should_charge_cache_reads_at_the_input_price_when_the_model_has_no_cache_price() {
        // gpt-5-pro has no cache-read price: its cached tokens cost what input does
        assertThat(pricing(Map.of()).cost("gpt", "gpt-5-pro", new Usage(0, 0, 1_000_000, null, null)))
                .isEqualTo(15.0);
    }

    @Test
    void should_price_local_backends_at_0_unless_configured() {
        CatalogPricing pricing = pricing(Map.of());
        assertThat(pricing.cost("local", "qwen3:0.6b", new Usage(1000, 1000))).isEqualTo(0.0);
        assertThat(pricing.cost("lab", "any/model", new Usage(1_000_000, 1_000_000))).isEqualTo(0.75);
    }

    @Test
    void should_let_a_model_price_win_over_the_provider_price() {
        CatalogPricing pricing = pricing(Map.of("switchboard.providers.lab.pricing.models.\"big.model\".output", "2",
                "switchboard.providers.gpt.pricing.input", "1", "switchboard.providers.gpt.pricing.output", "2"));
        assertThat(pricing.cost("lab", "big.model", new Usage(1_000_000, 1_000_000))).isEqualTo(2.25);
        // the provider's price covers every model, those the catalog knows too
        assertThat(pricing.cost("gpt", "gpt-4o", new Usage(1_000_000, 1_000_000))).isEqualTo(3.0);
        assertThat(pricing.cost("gpt", "any-model", new Usage(1_000_000, 1_000_000))).isEqualTo(3.0);
    }

    @Test
    void should_stop_the_start_on_a_negative_or_incomplete_price_naming_the_key() {
        assertThatThrownBy(() -> pricing(Map.of("switchboard.providers.gpt.pricing.models.\"gpt-4o\".cache-read", "-1",
                "switchboard.providers.claude.pricing.input", "2",
                "switchboard.providers.local.pricing.models.\"mine\".input", "1")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("switchboard.providers.gpt.pricing.models.\"gpt-4o\".cache-read: must be a price of 0 "
                        + "or more")
                .hasMessageContaining("switchboard.providers.claude.pricing: input and output are both required")
                .hasMessageNotContaining("local");
    }
}
