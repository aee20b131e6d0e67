package io.switchboard.providers.azure;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ChatCompletionsContract;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;

/** The provider contract for type {@code azure}: OpenAI's chunks and errors, the key in {@code api-key}. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AzureContractTest extends ChatCompletionsContract {

    @Override
    protected String provider() {
        return "azure";
    }

    @Override
    protected String configuredKey() {
        return "azure-test-key";
    }

    @Override
    protected String sentKey(FakeUpstream.Received request) {
        return request.header("api-key");
    }
}
