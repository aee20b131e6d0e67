package io.switchboard.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The list prices shipped with Switchboard ({@code prices.json}), per backend type and model. A model is found by its
 * exact id or alias, then by the id without a dated snapshot suffix ({@code claude-sonnet-4-5-20250929},
 * {@code gpt-4o-2024-08-06}, {@code mistral-small-2506}, {@code mistral-small-latest}); a type priced as a whole
 * (the local backends) has a {@code "*"} entry. Anything else is unpriced: null, never a price of 0.
 */
final class PriceCatalog {

    static final String RESOURCE = "prices.json";
    private static final String ANY_MODEL = "*";
    /**
     * A snapshot suffix: a date ({@code -2024-08-06}), a number of three digits or more ({@code -20250929},
     * {@code -2411}, {@code -001}), or {@code -latest}. Shorter numbers are versions ({@code claude-sonnet-4-5}).
     */
    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{3,}|latest)$");

    /** One model's entry: its rates, and the rates of a prompt above {@code longContextAbove} tokens (or null). */
    record Entry(Rates rates, long longContextAbove, Rates longContext) {

        Price price() {
            Price price = rates.toPrice();
            return longContext == null ? price
                    : price.withLongContext(longContextAbove, longContext.over(rates).toPrice());
        }
    }

    private final Map<String, Map<String, Entry>> types;

    private PriceCatalog(Map<String, Map<String, Entry>> types) {
        this.types = types;
    }

    /** The catalog shipped in the application. */
    static PriceCatalog shipped() {
        try (InputStream in = PriceCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return read(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }

    static PriceCatalog read(JsonNode root) {
        Map<String, Map<String, Entry>> types = new HashMap<>();
        JsonNode backends = root.path("backends");
        for (Iterator<String> names = backends.fieldNames(); names.hasNext();) {
            String type = names.next();
            JsonNode models = backends.get(type);
            if (models.has("same_as")) {
                continue;
            }
            Map<String, Entry> entries = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> model = it.next();
                JsonNode node = model.getValue();
                JsonNode tier = node.get("long_context");
                Entry entry = new Entry(rates(node), tier == null ? 0 : tier.get("above").asLong(),
                        tier == null ? null : rates(tier));
                if (!entry.rates().complete()) {
                    throw new IllegalStateException(RESOURCE + ": " + type + "/" + model.getKey()
                            + " has no input or output price");
                }
                entries.put(model.getKey(), entry);
                node.path("aliases").forEach(alias -> entries.put(alias.asText(), entry));
            }
            types.put(type, entries);
        }
        backends.fields().forEachRemaining(type -> {
            JsonNode same = type.getValue().get("same_as");
            if (same != null) {
                types.put(type.getKey(), types.get(same.asText()));
            }
        });
        return new PriceCatalog(types);
    }

    private static Rates rates(JsonNode node) {
        return new Rates(number(node, "input"), number(node, "output"), number(node, "cache_read"),
                number(node, "cache_write"), number(node, "cache_write_1h"));
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    /** The entry of {@code model} on backend {@code type}, or null when the catalog does not price it. */
    Entry find(String type, String model) {
        Map<String, Entry> models = types.get(type);
        if (models == null || model == null) {
            return null;
        }
        Entry entry = models.get(model);
        if (entry == null) {
            String base = withoutSnapshot(model);
            entry = base != null ? models.get(base) : null;
        }
        return entry != null ? entry : models.get(ANY_MODEL);
    }

    /** {@code model} without its dated snapshot suffix, or null when it has none. */
    static String withoutSnapshot(String model) {
        var matcher = SNAPSHOT.matcher(model);
        return matcher.find() ? model.substring(0, matcher.start()) : null;
    }
}
