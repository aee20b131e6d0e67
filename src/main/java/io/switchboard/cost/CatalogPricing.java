package io.switchboard.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.Prices;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.config.SwitchboardConfig.ProviderPricing;
import io.switchboard.core.model.Usage;

/**
 * The prices of every configured provider's models: the configuration's ({@code switchboard.providers.<name>.pricing})
 * over the catalog shipped with Switchboard ({@link PriceCatalog}). A model's price is looked up once and kept, so an
 * answer costs one map read; a negative or incomplete configured price stops the start, naming its key.
 * <p>
 * {@code @Singleton}: called on every answer, and a normal-scoped bean is reached through a client proxy.
 */
@Startup
@Singleton
public class CatalogPricing implements Pricing {

    private final Map<String, ProviderPrices> providers = new HashMap<>();

    @Inject
    public CatalogPricing(SwitchboardConfig config) {
        this(config.providers(), PriceCatalog.shipped());
    }

    CatalogPricing(Map<String, ProviderConfig> configs, PriceCatalog catalog) {
        List<String> problems = new ArrayList<>();
        configs.forEach((name, config) -> providers.put(name,
                ProviderPrices.of(name, config.type(), config.pricing(), catalog, problems)));
        if (!problems.isEmpty()) {
            throw ConfigProblems.of(problems);
        }
    }

    @Override
    public double cost(String provider, String model, Usage usage) {
        Price price = price(provider, model);
        return price == null ? Double.NaN : price.cost(usage);
    }

    @Override
    public double worstCase(String provider, String model, long inputTokens, long maxOutputTokens) {
        Price price = price(provider, model);
        return price == null ? Double.NaN : price.worstCase(inputTokens, maxOutputTokens);
    }

    private Price price(String provider, String model) {
        ProviderPrices prices = providers.get(provider);
        return prices == null || model == null ? null : prices.price(model);
    }

    /** One provider's prices: the configured ones resolved at start, the catalog's kept as models are asked for. */
    private static final class ProviderPrices {

        /** Models kept per provider at most: the model is the caller's string, which must not grow memory at will. */
        private static final int MAX_KEPT = 1024;
        /** What the map keeps for a model without a price (null cannot be kept). */
        private static final Price UNPRICED = Price.perMillion(0, 0, 0, 0, 0);

        private final String type;
        private final PriceCatalog catalog;
        private final Price providerPrice;
        private final Map<String, Price> models;
        private final Map<String, Price> kept = new ConcurrentHashMap<>();

        private ProviderPrices(String type, PriceCatalog catalog, Price providerPrice, Map<String, Price> models) {
            this.type = type;
            this.catalog = catalog;
            this.providerPrice = providerPrice;
            this.models = models;
        }

        static ProviderPrices of(String name, String type, ProviderPricing pricing, PriceCatalog catalog,
                List<String> problems) {
            String key = "switchboard.providers." + (name.indexOf('.') >= 0 ? "\"" + name + "\"" : name) + ".pricing";
            Rates provider = rates(key, pricing, problems);
            if (!provider.isEmpty() && !provider.complete()) {
                problems.add(key + ": input and output are both required when the provider is priced (set "
                        + key + ".input and " + key + ".output)");
            }
            Map<String, Price> models = new HashMap<>();
            pricing.models().forEach((model, prices) -> {
                String modelKey = key + ".models.\"" + model + "\"";
                Rates base = provider.isEmpty() ? catalogRates(catalog.find(type, model)) : provider;
                Rates rates = rates(modelKey, prices, problems).over(base);
                if (!rates.complete()) {
                    problems.add(modelKey + ": input and output are both required, as neither the provider's "
                            + "pricing nor the price catalog prices model " + model);
                } else {
                    models.put(model, rates.toPrice());
                }
            });
            return new ProviderPrices(type, catalog, provider.complete() ? provider.toPrice() : null, models);
        }

        private static Rates catalogRates(PriceCatalog.Entry entry) {
            return entry == null ? null : entry.rates();
        }

        private static Rates rates(String key, Prices prices, List<String> problems) {
            return new Rates(checked(key + ".input", prices.input(), problems),
                    checked(key + ".output", prices.output(), problems),
                    checked(key + ".cache-read", prices.cacheRead(), problems),
                    checked(key + ".cache-write", prices.cacheWrite(), problems),
                    checked(key + ".cache-write-1h", prices.cacheWrite1h(), problems));
        }

        private static Double checked(String key, Optional<Double> price, List<String> problems) {
            if (price.isEmpty()) {
                return null;
            }
            double value = price.get();
            if (!(value >= 0) || Double.isInfinite(value)) {
                problems.add(key + ": must be a price of 0 or more in USD per million tokens (is " + value + ")");
            }
            return value;
        }

        /** The price of {@code model}, or null when it has none. */
        Price price(String model) {
            Price price = kept.get(model);
            if (price == null) {
                price = resolve(model);
                if (kept.size() < MAX_KEPT) {
                    kept.put(model, price);
                }
            }
            return price == UNPRICED ? null : price;
        }

        /**
         * A configured model (by its id, then without its snapshot suffix), else the provider's configured price, else
         * the catalog's.
         */
        private Price resolve(String model) {
            Price price = models.get(model);
            if (price == null) {
                String base = PriceCatalog.withoutSnapshot(model);
                price = base != null ? models.get(base) : null;
            }
            if (price == null) {
                price = providerPrice;
            }
            if (price == null) {
                PriceCatalog.Entry entry = catalog.find(type, model);
                price = entry != null ? entry.price() : null;
            }
            return price != null ? price : UNPRICED;
        }
    }
}
