package io.switchboard.core.spi;

/** A {@link ProviderFactory} that names its type once, in its constructor. */
public abstract class TypedProviderFactory implements ProviderFactory {

    private final String type;

    protected TypedProviderFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }
}
