package io.switchboard.gateway;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.SmallRyeConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.gateway.spi.ProviderFactory;
import io.switchboard.gateway.spi.ProviderKeys;

/**
 * The keys of a type's own group ({@link ProviderKeys}) set for a provider that cannot use them: one whose type does
 * not read the group, or a name with no provider at all (no {@code type}). Each is named in full, so that a key
 * meant for another type is never silently ignored.
 */
final class ForeignKeys {

    private static final String PROVIDERS = "switchboard.providers";

    private ForeignKeys() {
    }

    /** One line per misplaced key, naming it; empty when every group key is set for a type that reads it. */
    static Set<String> find(SmallRyeConfig source, Map<String, ProviderConfig> providers,
            Iterable<ProviderFactory> factories) {
        Map<Class<?>, ProviderKeys<?, ?>> groups = new LinkedHashMap<>();
        Map<Class<?>, Set<String>> readers = new LinkedHashMap<>();
        for (ProviderFactory factory : factories) {
            for (ProviderKeys<?, ?> group : factory.keyGroups()) {
                groups.putIfAbsent(group.mapping(), group);
                readers.computeIfAbsent(group.mapping(), mapping -> new TreeSet<>()).add(factory.type());
            }
        }
        Set<String> problems = new LinkedHashSet<>();
        groups.forEach((mapping, group) -> {
            Set<String> types = readers.get(mapping);
            for (String name : setBy(source, group)) {
                ProviderConfig provider = providers.get(name);
                if (provider == null) {
                    problems.add(prefix(name) + "type: required (" + name + " sets "
                            + String.join(", ", keysSet(source, name, mapping)) + ")");
                } else if (!types.contains(provider.type())) {
                    for (String key : keysSet(source, name, mapping)) {
                        problems.add(prefix(name) + key + ": not a key of type " + provider.type() + " (only of "
                                + String.join(", ", types) + ")");
                    }
                }
            }
        });
        return problems;
    }

    private static <M, K> Set<String> setBy(SmallRyeConfig source, ProviderKeys<M, K> group) {
        return group.byName().apply(source.getConfigMapping(group.mapping())).keySet();
    }

    /** The keys of the group {@code mapping} set for provider {@code name}, as written after its prefix. */
    private static Set<String> keysSet(SmallRyeConfig source, String name, Class<?> mapping) {
        Set<String> own = new TreeSet<>();
        String any = PROVIDERS + ".*.";
        for (String path : ConfigMappings.getProperties(new ConfigMappings.ConfigClass(mapping, "switchboard")).keySet()) {
            if (path.startsWith(any)) {
                own.add(firstSegment(path.substring(any.length())));
            }
        }
        String prefix = prefix(name);
        Set<String> set = new TreeSet<>();
        for (String property : source.getPropertyNames()) {
            if (property.startsWith(prefix) && own.contains(firstSegment(property.substring(prefix.length())))) {
                set.add(property.substring(prefix.length()));
            }
        }
        return set;
    }

    private static String firstSegment(String key) {
        int end = key.length();
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.' || key.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return key.substring(0, end);
    }

    /** {@code switchboard.providers.<name>.}, the name quoted when it has a dot, as the configuration writes it. */
    private static String prefix(String name) {
        return PROVIDERS + "." + (name.indexOf('.') >= 0 ? "\"" + name + "\"" : name) + ".";
    }
}
