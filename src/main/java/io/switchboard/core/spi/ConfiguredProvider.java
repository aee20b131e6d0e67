package io.switchboard.core.spi;

/**
 * What every provider has in common: its configured name, its type and its default model. Every
 * backend type streams structured events and takes images, so that is the default capability.
 */
public abstract class ConfiguredProvider implements Provider {

    private static final Capabilities ALL = new Capabilities(true, true, true);

    private final String name;
    private final String type;
    private final String defaultModel;

    protected ConfiguredProvider(String name, String type, String defaultModel) {
        this.name = name;
        this.type = type;
        this.defaultModel = defaultModel;
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
