package io.switchboard.providers.anthropic;

import io.switchboard.testsupport.FixtureFiles;

/** Reads {@code src/test/resources/fixtures/anthropic/*}, copied byte-exact from the recorded exchanges. */
final class AnthropicFixtures {

    private AnthropicFixtures() {
    }

    static byte[] bytes(String name) {
        return FixtureFiles.bytes("anthropic/" + name);
    }

    static String text(String name) {
        return FixtureFiles.text("anthropic/" + name);
    }
}
