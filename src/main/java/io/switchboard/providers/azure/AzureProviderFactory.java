package io.switchboard.providers.azure;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;
import io.switchboard.providers.openai.OpenAiConfig;
import io.switchboard.providers.openai.OpenAiDialect;
import io.switchboard.providers.openai.OpenAiProvider;

/**
 * Type {@code azure}: Azure OpenAI deployments. The protocol is OpenAI's; the call goes to
 * {@code {base-url}/openai/deployments/{model}/chat/completions?api-version={api-version}} (embeddings:
 * {@code .../embeddings}; the model is the deployment name) with an {@code api-key} header.
 */
@ApplicationScoped
public class AzureProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("azure", null, null);

    public AzureProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        URI baseUrl = setup.baseUrl(TYPE);
        setup.requireApiKey();
        String apiVersion = encode(setup.keys(AzureConfig.KEYS).apiVersion());
        OpenAiDialect dialect = new OpenAiDialect(
                (deployment, call) -> "/openai/deployments/" + encode(deployment) + call + "?api-version=" + apiVersion,
                OpenAiDialect.Auth.API_KEY_HEADER, true, false, false);
        return OpenAiProvider.create(setup, dialect, baseUrl);
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(AzureConfig.KEYS, OpenAiConfig.KEYS);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
