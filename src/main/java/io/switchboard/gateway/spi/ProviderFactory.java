package io.switchboard.gateway.spi;

/**
 * Builds the providers of one {@code type}. Found by CDI; each factory validates its own keys and
 * throws {@link IllegalArgumentException} with a message naming the key when one is wrong.
 */
public interface ProviderFactory {

    /** The {@code switchboard.providers.<name>.type} value this factory serves. */
    String type();

    Provider create(ProviderSetup setup);
}
