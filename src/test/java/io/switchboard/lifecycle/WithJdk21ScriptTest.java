package io.switchboard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testsupport.FakeJdk;

/**
 * {@code bin/with-jdk21}, which the README's commands start with: on a machine whose default {@code java} is
 * older than 21 it runs the command with a JDK 21+ found elsewhere, and with none it says which Java it found
 * and which one is needed.
 */
class WithJdk21ScriptTest {

    static final Path SCRIPT = Path.of("bin", "with-jdk21");

    @TempDir
    Path jdks;

    @Test
    void should_run_the_command_with_a_jdk21_found_beside_an_older_default_java() throws Exception {
        Path old = FakeJdk.create(jdks, 17);
        // the JDK running this test (21 or newer) stands for the one installed beside the default java
        Path current = Path.of(System.getProperty("java.home"));

        Run run = run(old, old + " " + current, "sh", "-c", "echo \"$JAVA_HOME\"; java -version");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(current.toString())
                .contains("bin/with-jdk21: using the JDK in " + current)
                .doesNotContain("java.specification.version = 17");
    }

    @Test
    void should_say_which_java_it_found_and_which_it_needs_when_none_is_new_enough() throws Exception {
        Path old = FakeJdk.create(jdks, 17);
        Path older = FakeJdk.create(jdks, 11);

        Run run = run(old, older.toString(), "echo", "ran");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("Switchboard needs a JDK 21 or newer, and found none.")
                .contains("java on the PATH: " + old + " (Java 17)").contains("JAVA_HOME: not set")
                .contains("nothing newer in " + older).doesNotContain("ran");
    }

    record Run(int exitCode, String output) {
    }

    /** The script with {@code defaultJdk}'s java first on the PATH, no JAVA_HOME, looking in {@code jdkHomes}. */
    private Run run(Path defaultJdk, String jdkHomes, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        line.addAll(List.of(command));
        Path output = jdks.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.put("PATH", defaultJdk.resolve("bin") + ":/usr/bin:/bin");
        env.put("JDK_HOMES", jdkHomes);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
