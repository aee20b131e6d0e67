package io.switchboard.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.vertx.core.Vertx;

/**
 * A {@link FakeUpstream} and a Vert.x of their own for tests that drive the upstream client without the
 * application: both start before the class's tests, the fake forgets its script before each test, and
 * both stop after the class. Register it as {@code @RegisterExtension static final LocalUpstream LOCAL}.
 */
public final class LocalUpstream implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private FakeUpstream fake;
    private Vertx vertx;

    @Override
    public void beforeAll(ExtensionContext context) {
        fake = new FakeUpstream().start();
        vertx = Vertx.vertx();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fake.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fake.stop();
        vertx.close();
    }

    public FakeUpstream fake() {
        return fake;
    }

    public Vertx vertx() {
        return vertx;
    }
}
