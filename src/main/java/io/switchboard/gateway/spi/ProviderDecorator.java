package io.switchboard.gateway.spi;

/**
 * Wraps every configured provider once, when the registry builds it (tracing does, when it is on).
 * A decorator returns the provider itself when it has nothing to add.
 */
public interface ProviderDecorator {

    Provider decorate(Provider provider);
}
