package io.switchboard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory laid out as a JDK whose {@code java} and {@code javac} only tell a version: what
 * {@code bin/with-jdk21} sees of an older default Java, without installing one.
 */
public final class FakeJdk {

    private FakeJdk() {
    }

    /** A JDK home in {@code parent} that reports Java {@code major}. */
    public static Path create(Path parent, int major) throws IOException {
        Path home = parent.resolve("jdk-" + major);
        Path bin = Files.createDirectories(home.resolve("bin"));
        String script = "#!/bin/sh\n"
                + "echo '    java.specification.version = " + major + "' >&2\n"
                + "echo 'openjdk version \"" + major + ".0.1\"' >&2\n";
        for (String tool : new String[] { "java", "javac" }) {
            Path file = bin.resolve(tool);
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }
}
