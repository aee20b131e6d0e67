package io.switchboard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one reader of recorded exchanges under {@code src/test/resources/fixtures/}. */
public final class FixtureFiles {

    private FixtureFiles() {
    }

    /** The bytes of {@code fixtures/<path>}; fails naming the path when it is missing. */
    public static byte[] bytes(String path) {
        try (InputStream in = FixtureFiles.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UTF-8 text of {@code fixtures/<path>}. */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
