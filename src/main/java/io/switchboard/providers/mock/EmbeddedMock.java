package io.switchboard.providers.mock;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The built-in mock provider, {@code mock} (model {@code mock-1}), configured only while no provider is: a
 * configuration that names any provider (in a file, a {@code -D} option or an environment variable) serves exactly
 * the providers it names, so a deployment never also answers with a mock. It is one more configuration source, below
 * every other, so that the whole application sees the mock as configured.
 */
public class EmbeddedMock implements ConfigSourceFactory {

    static final Map<String, String> PROPERTIES = Map.of("switchboard.providers.mock.type", "mock",
            "switchboard.providers.mock.model", "mock-1");
    /** Below every built-in and user source (Quarkus's own defaults have 0; application.properties 250). */
    static final int ORDINAL = 1;

    private static final String PROVIDERS = "switchboard.providers.";
    private static final String PROVIDERS_ENV = "SWITCHBOARD_PROVIDERS_";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Iterator<String> names = context.iterateNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.startsWith(PROVIDERS) || name.startsWith(PROVIDERS_ENV)) {
                return List.of();
            }
        }
        return List.of(new PropertiesConfigSource(PROPERTIES, EmbeddedMock.class.getSimpleName(), ORDINAL));
    }
}
