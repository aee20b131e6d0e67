package io.switchboard.governance;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The key store's state on {@code /q/health/ready}, as the route store's: an instance that has read the keys once
 * stays ready when the store goes away (it serves the keys and limits it knows, and reports the counts once the
 * store is back); {@code state} then says {@code unavailable}. One that never read them is not ready.
 */
@Readiness
@ApplicationScoped
public class KeyStoreHealth implements HealthCheck {

    private final KeyRegistry keys;

    public KeyStoreHealth(KeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("key-store")
                .status(keys.loaded())
                .withData("type", keys.kind())
                .withData("state", keys.available() ? "available" : "unavailable")
                .withData("virtual_keys", keys.keyCount())
                .build();
    }
}
