package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles, read as instructions: the port they expose is the one the application and the
 * Deployment use, they run as a non-root user, their health check asks a probe path, and every file
 * they copy gets past .dockerignore. (No Docker engine runs here; {@code DeploymentProbesTest} requests
 * the paths from the running application.)
 */
class DockerfileTest {

    static final Path JVM = Manifests.DOCKER.resolve("Dockerfile.jvm");
    static final Path NATIVE = Manifests.DOCKER.resolve("Dockerfile.native");
    private static final Pattern URL = Pattern.compile("https?://[^\\s'\"]+");

    /** One instruction: keyword and arguments, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> instructions(Path dockerfile) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Manifests.lines(dockerfile)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String text = pending.toString().strip();
            pending.setLength(0);
            int space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return result;
    }

    static List<String> arguments(Path dockerfile, String keyword) {
        return instructions(dockerfile).stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments)
                .toList();
    }

    static String last(Path dockerfile, String keyword) {
        List<String> all = arguments(dockerfile, keyword);
        assertThat(all).as(dockerfile + " " + keyword).isNotEmpty();
        return all.get(all.size() - 1);
    }

    static String workdir(Path dockerfile) {
        return last(dockerfile, "WORKDIR").replaceAll("/$", "");
    }

    /** The path the HEALTHCHECK requests. */
    static URI healthCheckUrl(Path dockerfile) {
        Matcher url = URL.matcher(last(dockerfile, "HEALTHCHECK"));
        assertThat(url.find()).as(dockerfile + " HEALTHCHECK has a URL").isTrue();
        return URI.create(url.group());
    }

    static int applicationPort() {
        return Integer.parseInt(Manifests.builtInProperties().getProperty("quarkus.http.port", "8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native" })
    void should_expose_the_port_the_application_and_the_deployment_use(String name) {
        Path dockerfile = Manifests.DOCKER.resolve(name);
        int containerPort = (Integer) map(list(container().get("ports")).get(0)).get("containerPort");

        assertThat(arguments(dockerfile, "EXPOSE")).containsExactly(String.valueOf(applicationPort()));
        assertThat(containerPort).isEqualTo(applicationPort());
        assertThat(healthCheckUrl(dockerfile).getPort()).isEqualTo(applicationPort());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native" })
    void should_run_as_a_non_root_user(String name) {
        String user = last(Manifests.DOCKER.resolve(name), "USER").split(":")[0];

        assertThat(user).isNotIn("root", "0");
        assertThat(user).matches("[1-9][0-9]*");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native" })
    void should_health_check_a_path_the_deployment_probes(String name) {
        Set<String> probed = DeploymentProbesTest.probePaths().keySet();

        assertThat(healthCheckUrl(Manifests.DOCKER.resolve(name)).getPath()).isIn(probed);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native" })
    void should_copy_only_what_dockerignore_lets_through(String name) {
        List<String> allowed = Manifests.lines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1).replaceAll("/$", "")).toList();

        for (String copy : arguments(Manifests.DOCKER.resolve(name), "COPY")) {
            List<String> words = Arrays.stream(copy.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
            if (copy.contains("--from=")) {
                continue;
            }
            for (String source : words.subList(0, words.size() - 1)) {
                String path = source.replaceAll("/$", "");
                assertThat(allowed).as(name + ": COPY " + source)
                        .anyMatch(a -> path.equals(a) || path.startsWith(a + "/"));
            }
        }
    }

    @Test
    void should_run_the_packaged_jar_on_a_java_25_runtime_that_honours_java_opts() {
        // 25: the one-step recording of the JDK's AOT cache (-XX:AOTCacheOutput) is 25's
        assertThat(arguments(JVM, "FROM")).singleElement().asString().contains("openjdk-25-runtime");
        assertThat(arguments(JVM, "COPY")).allMatch(c -> c.contains("target/quarkus-app/"));
        // run-java.sh is the image's launcher: it reads JAVA_OPTS and JAVA_OPTS_APPEND
        assertThat(last(JVM, "ENTRYPOINT")).contains("run-java.sh");
        assertThat(arguments(JVM, "ENV")).noneMatch(e -> e.startsWith("JAVA_OPTS="));
        assertThat(last(JVM, "ENV") + arguments(JVM, "ENV")).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    @Test
    void should_run_the_jvm_with_the_serial_collector_and_a_bounded_heap() {
        // docs/performance.md "JVM options": the launcher's GC choice is replaced, its heap share overridden by -Xmx
        // (320 MB: 9,000 open streams, switchboard.stream.max-concurrent, at about 19 KB of live heap each)
        assertThat(arguments(JVM, "ENV")).anyMatch(e -> e.startsWith("GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\""))
                .anyMatch(e -> e.startsWith(
                        "JAVA_OPTS_APPEND=\"-Xms16m -Xmx320m -Xmn12m -XX:SurvivorRatio=4 -XX:+UseCompactObjectHeaders "))
                .anyMatch(e -> e.startsWith("MALLOC_ARENA_MAX=2"));
    }

    @Test
    void should_hold_the_second_jit_compiler_back_while_the_service_starts() {
        // docs/performance.md "JVM options": five times C2's default counts, so the start's run-once code is not
        // compiled by it on the core the start needs
        assertThat(arguments(JVM, "ENV")).filteredOn(e -> e.startsWith("JAVA_OPTS_APPEND=\"-Xms16m")).singleElement()
                .asString().contains("-XX:Tier4InvocationThreshold=25000 -XX:Tier4MinInvocationThreshold=3000",
                        "-XX:Tier4CompileThreshold=75000 -XX:Tier4BackEdgeThreshold=200000");
    }

    /**
     * The AOT cache is recorded by the image's own launcher with the environment the container runs with, after
     * every file it covers is in place, and the container runs with those options plus the cache: the JVM refuses
     * a cache recorded with another heap layout, class path or JDK build.
     */
    @Test
    void should_record_the_aot_cache_with_the_launcher_and_options_the_container_runs_with() {
        List<Instruction> all = instructions(JVM);
        int training = indexOf(all, "RUN", "docker/train-aot-cache.sh");
        String run = all.get(training).arguments();
        String cache = "/deployments/app.aot";

        assertThat(run).contains("/tmp/train-aot-cache.sh " + cache + " " + entrypointCommand());
        assertThat(all.subList(0, training)).filteredOn(i -> i.keyword().equals("COPY")).hasSize(4);
        assertThat(all.subList(0, training)).filteredOn(i -> i.keyword().equals("ENV")).map(Instruction::arguments)
                .anyMatch(e -> e.startsWith("GC_CONTAINER_OPTIONS=")).anyMatch(e -> e.startsWith("JAVA_OPTS_APPEND="))
                .anyMatch(e -> e.startsWith("JAVA_APP_JAR=")).anyMatch(e -> e.startsWith("MALLOC_ARENA_MAX="));
        assertThat(all.subList(0, training)).filteredOn(i -> i.keyword().equals("USER")).last()
                .isEqualTo(new Instruction("USER", last(JVM, "USER")));
        // after the recording, the environment changes only by the cache
        assertThat(all.subList(training + 1, all.size())).filteredOn(i -> i.keyword().matches("ENV|USER|WORKDIR|COPY"))
                .containsExactly(new Instruction("ENV", "JAVA_OPTS_APPEND=\"-XX:AOTCache=" + cache + " $JAVA_OPTS_APPEND\""));
    }

    @Test
    void should_let_the_build_context_hold_the_training_script() {
        assertThat(Manifests.lines(Path.of(".dockerignore"))).contains("!docker/train-aot-cache.sh");
        assertThat(Path.of("docker/train-aot-cache.sh")).isExecutable();
    }

    private static int indexOf(List<Instruction> all, String keyword, String text) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals(keyword) && all.get(i).arguments().contains(text)) {
                return i;
            }
        }
        throw new AssertionError(keyword + " with " + text + " in " + JVM);
    }

    /** The launcher the ENTRYPOINT runs, from its exec form. */
    private static String entrypointCommand() {
        return last(JVM, "ENTRYPOINT").replaceAll("^\\[\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void should_build_the_native_executable_in_a_mandrel_stage() {
        List<String> stages = arguments(NATIVE, "FROM");

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("mandrel").contains(" AS build");
        assertThat(arguments(NATIVE, "RUN")).anyMatch(r -> r.contains("quarkus.native.enabled=true"));
        assertThat(arguments(NATIVE, "COPY")).anyMatch(c -> c.contains("--from=build"));
    }
}
