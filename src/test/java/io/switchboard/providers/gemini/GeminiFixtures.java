package io.switchboard.providers.gemini;

import io.switchboard.testsupport.FixtureFiles;

/** Reads {@code src/test/resources/fixtures/gemini/*} byte-exact. */
final class GeminiFixtures {

    private GeminiFixtures() {
    }

    static String read(String name) {
        return FixtureFiles.text("gemini/" + name);
    }
}
