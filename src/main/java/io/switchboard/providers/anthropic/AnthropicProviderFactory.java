package io.switchboard.providers.anthropic;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.TypedProviderFactory;

/** Type {@code anthropic}: requires {@code api-key}; {@code thinking-type} is {@code enabled} or {@code adaptive}. */
@ApplicationScoped
public class AnthropicProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("anthropic", "https://api.anthropic.com", null);
    static final String DEFAULT_VERSION = "2023-06-01";

    public AnthropicProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        AnthropicConfig.Keys config = setup.keys(AnthropicConfig.KEYS);
        Secret key = setup.requireApiKey();
        String thinkingType = config.thinkingType().strip().toLowerCase(Locale.ROOT);
        if (!thinkingType.equals("enabled") && !thinkingType.equals("adaptive")) {
            throw new IllegalArgumentException(setup.key("thinking-type") + ": must be enabled or adaptive, not \""
                    + config.thinkingType() + "\"");
        }
        String structuredOutput = config.structuredOutput().strip().toLowerCase(Locale.ROOT);
        if (!structuredOutput.equals("tool") && !structuredOutput.equals("output-format")) {
            throw new IllegalArgumentException(setup.key("structured-output") + ": must be tool or output-format, not \""
                    + config.structuredOutput() + "\"");
        }
        // A configured headers.anthropic-version is already sent with every request; it must not be overwritten.
        boolean versionConfigured = setup.config().headers().keySet().stream()
                .anyMatch(name -> name.equalsIgnoreCase(AnthropicProvider.VERSION_HEADER));
        AnthropicRequestMapper mapper = new AnthropicRequestMapper(setup.json(), config.promptCaching(),
                thinkingType.equals("adaptive"), structuredOutput.equals("output-format"));
        return new AnthropicProvider(setup, key, versionConfigured ? null : DEFAULT_VERSION,
                setup.calls(TYPE, new AnthropicErrorParser(setup.json())), mapper);
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(AnthropicConfig.KEYS);
    }
}
