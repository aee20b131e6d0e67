package io.switchboard.governance;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.RedisServerResource;

/** {@link VirtualKeysContract} on the Redis store, against a real {@code redis-server}, whose scripts count. */
@QuarkusTest
@TestProfile(VirtualKeysProfile.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisServerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisVirtualKeysTest extends VirtualKeysContract {

}
