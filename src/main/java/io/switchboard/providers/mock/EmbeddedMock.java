package io.switchboard.providers.mock;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;

/**
 * The built-in mock provider, {@code mock} (model {@code mock-1}), configured only while no provider is: a
 * configuration that names any provider (in a file, a {@code -D} option or an environment variable) serves exactly
 * the providers it names, so a deployment never also answers with a mock. It is one more configuration source, below
 * every other, so that the whole application sees the mock as configured.
 */
public class EmbeddedMock implements ConfigSourceFactory {

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
        return List.of(new Source());
    }

    /**
     * Written as environment variables: Quarkus copies the values of the other sources it reads while building the
     * application into the application, where the mock would then stay whatever a deployment configures.
     */
    static final class Source extends EnvConfigSource {

        Source() {
            super(Map.of(PROVIDERS_ENV + "MOCK_TYPE", "mock", PROVIDERS_ENV + "MOCK_MODEL", "mock-1"), ORDINAL);
        }

        @Override
        public String getName() {
            return EmbeddedMock.class.getSimpleName();
        }
    }
}
