package io.switchboard.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per core, unless {@code quarkus.vertx.event-loops-pool-size} is set. Quarkus's own default is
 * two per core, a margin for code that blocks an event loop; the gateway never blocks one, and each extra loop only
 * spreads the same work over more threads, upstream connection pools and wake-ups (on two cores the per-core default
 * costs about 15 % less CPU per request than four loops). Its ordinal is below every file and the environment, so any
 * setting wins.
 */
public class EventLoopsPerCore implements ConfigSource {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";
    /** Above Quarkus's built-in defaults (0), below application.properties (250), the environment and -D options. */
    static final int ORDINAL = 50;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(EVENT_LOOPS);
    }

    @Override
    public String getValue(String propertyName) {
        return EVENT_LOOPS.equals(propertyName) ? String.valueOf(Runtime.getRuntime().availableProcessors()) : null;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(EVENT_LOOPS, getValue(EVENT_LOOPS));
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return EventLoopsPerCore.class.getSimpleName();
    }
}
