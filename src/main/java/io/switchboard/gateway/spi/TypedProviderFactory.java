package io.switchboard.gateway.spi;

/** A {@link ProviderFactory} that states its type's own facts once, in its constructor. */
public abstract class TypedProviderFactory implements ProviderFactory {

    private final ProviderType type;

    protected TypedProviderFactory(ProviderType type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type.name();
    }
}
