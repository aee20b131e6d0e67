package io.switchboard.providers.vllm;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ChatCompletionsContract;
import io.switchboard.testsupport.FakeUpstreamResource;

/** The provider contract for type {@code vllm}, which runs without a configured key. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class VllmContractTest extends ChatCompletionsContract {

    @Override
    protected String provider() {
        return "vllm";
    }

    @Override
    protected String configuredKey() {
        return null;
    }
}
