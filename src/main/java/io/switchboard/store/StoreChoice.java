package io.switchboard.store;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Instance;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.config.ConfigProblems;

/**
 * Which store bean {@code switchboard.store.type} names: of the beans of one store interface (the routes', the
 * keys'), the one whose {@link Identifier} is the type. Only the chosen one is created, so the others' clients
 * (Redis) are never touched.
 */
public final class StoreChoice {

    private StoreChoice() {
    }

    public static <T> T of(Instance<T> stores, String type) {
        String kind = type.strip().toLowerCase(Locale.ROOT);
        Instance<T> chosen = stores.select(Identifier.Literal.of(kind));
        if (chosen.isResolvable()) {
            return chosen.get();
        }
        Set<String> known = new TreeSet<>();
        stores.handles().forEach(handle -> handle.getBean().getQualifiers().stream()
                .filter(Identifier.class::isInstance).forEach(id -> known.add(((Identifier) id).value())));
        throw ConfigProblems.of("switchboard.store.type: unknown store \"" + type + "\" (known: " + known + ")");
    }
}
