package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar} on a Java older than 21 (17 to 20: Quarkus's own runner needs 17) says which Java runs and
 * which one the application needs, and exits 1, instead of failing to load a class compiled for 21.
 */
class OldJavaIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern RELEASE = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)[^\"]*\"");

    @Test
    void should_say_which_java_runs_and_which_is_needed() throws Exception {
        Optional<Path> old = olderJava();
        assumeTrue(old.isPresent(), "a Java 17 to 20 in /usr/lib/jvm (Debian 12's default java is 17)");
        Path log = Files.createTempFile("switchboard-old-java-", ".log");

        Process process = new ProcessBuilder(old.get().resolve("bin/java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String output = Files.readString(log);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("Switchboard needs Java 21 or newer, and this is Java ")
                .contains("(" + old.get().toRealPath() + ")").contains("bin/with-jdk21")
                .doesNotContain("UnsupportedClassVersionError");
    }

    private static Optional<Path> olderJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).filter(home -> {
                int major = major(home);
                return major >= 17 && major < 21;
            }).findFirst();
        }
    }

    private static int major(Path home) {
        try {
            Matcher version = RELEASE.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException noReleaseFile) {
            return 0;
        }
    }
}
