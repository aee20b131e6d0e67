package io.switchboard.providers.mock;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;

/** Type {@code mock}: scripted answers, no network and no keys. */
@ApplicationScoped
public class MockProviderFactory extends TypedProviderFactory {

    static final String DEFAULT_RESPONSE = "Hello from the mock provider.";

    /** No network, so no base URL; the model a mock answers as when none is configured is "mock". */
    static final ProviderType TYPE = new ProviderType("mock", null, "mock");

    public MockProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        List<String> texts = setup.keys(MockConfig.KEYS).responses().orElse(List.of(DEFAULT_RESPONSE));
        List<MockScript> scripts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            scripts.add(MockScript.parse(texts.get(i), setup.json(), setup.key("responses[" + i + "]")));
        }
        return new MockProvider(setup, scripts);
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(MockConfig.KEYS);
    }
}
