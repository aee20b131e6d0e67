package io.switchboard.governance;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;

/** {@link VirtualKeysContract} on the default store, this process's memory. */
@QuarkusTest
@TestProfile(VirtualKeysProfile.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MemoryVirtualKeysTest extends VirtualKeysContract {

}
