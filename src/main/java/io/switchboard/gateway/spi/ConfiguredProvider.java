package io.switchboard.gateway.spi;

/**
 * What every provider has in common: its configured name, its type and its default model. Every
 * backend type streams structured events and takes images, so that is the default capability.
 */
public abstract class ConfiguredProvider implements Provider {

    private static final Capabilities ALL = new Capabilities(true, true, true);

    private final String name;
    private final String type;
    private final String defaultModel;

    /**
     * A provider as configured: its name, its type, and as default model the configured {@code model},
     * else the type's own ({@code typeDefaultModel}; null when the type has none and the request must name one).
     */
    protected ConfiguredProvider(ProviderSetup setup, String typeDefaultModel) {
        this.name = setup.name();
        this.type = setup.config().type();
        this.defaultModel = setup.config().model().orElse(typeDefaultModel);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String defaultModel() {
        return defaultModel;
    }

    @Override
    public Capabilities capabilities() {
        return ALL;
    }
}
