package io.switchboard.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the house style, checked by scanning imports: each backend's wire format
 * stays in its own folder, the neutral core knows no HTTP edge and no provider, every top-level folder
 * stands on a floor and imports only from its own floor or below, and no two packages or folders
 * depend on each other, directly or through others.
 */
class PackageDependenciesTest {

    static final Path MAIN = Path.of("src/main/java/io/switchboard");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.switchboard\\.([a-z]+)(?:\\.([a-z]+))?",
            Pattern.MULTILINE);

    /**
     * The floors of the house, from the ground up: a folder imports only from its own floor or a lower one.
     * {@code core} is the neutral model (records, stream events, routes); {@code gateway} the floor that
     * resolves and calls providers through its SPI; the doors ({@code api}) stand on top.
     */
    static final List<Set<String>> FLOORS = List.of(
            Set.of("config", "errors", "store"),
            Set.of("core"),
            Set.of("metrics", "stream", "traffic", "cost"),
            Set.of("upstream", "lifecycle"),
            Set.of("gateway", "governance"),
            Set.of("providers", "routes", "responses", "tracing"),
            Set.of("api", "console"));

    record Dependency(String file, String from, String to) {

        /** The top-level folder a package lies in: {@code core.route} is in {@code core}. */
        static String folder(String pkg) {
            int dot = pkg.indexOf('.');
            return dot < 0 ? pkg : pkg.substring(0, dot);
        }
    }

    static int floor(String folder) {
        for (int i = 0; i < FLOORS.size(); i++) {
            if (FLOORS.get(i).contains(folder)) {
                return i;
            }
        }
        throw new AssertionError("the folder " + folder + " stands on no floor: add it to FLOORS");
    }

    static List<Dependency> dependencies() throws IOException {
        List<Dependency> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2);
                    result.add(new Dependency(file.getFileName().toString(), from, to));
                }
            }
        }
        return result;
    }

    @Test
    void should_keep_each_provider_in_its_own_folder() throws IOException {
        List<Dependency> crossing = dependencies().stream()
                .filter(d -> d.from().startsWith("providers.") && d.to().startsWith("providers."))
                // a provider's folder includes its subfolders (openai.responses: the Responses wire of type openai)
                .filter(d -> !provider(d.from()).equals(provider(d.to())))
                .filter(d -> !(d.to().equals("providers.openai")
                        && (d.from().equals("providers.azure") || d.from().equals("providers.vllm"))))
                .toList();
        assertThat(crossing).as("only azure and vllm may use openai's classes").isEmpty();
    }

    /** The provider folder a package lies in: {@code providers.openai.responses} is in {@code providers.openai}. */
    private static String provider(String pkg) {
        int second = pkg.indexOf('.', "providers.".length());
        return second < 0 ? pkg : pkg.substring(0, second);
    }

    @Test
    void should_keep_the_core_free_of_the_http_edge_and_of_providers() throws IOException {
        List<Dependency> inward = dependencies().stream()
                .filter(d -> d.from().startsWith("core") || d.from().equals("stream") || d.from().equals("errors"))
                .filter(d -> d.to().equals("api") || d.to().startsWith("providers"))
                .toList();
        assertThat(inward).isEmpty();
    }

    @Test
    void should_keep_provider_knowledge_out_of_the_http_edge() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("api") && d.to().startsWith("providers")))
                .isEmpty();
    }

    @Test
    void should_import_only_from_the_same_floor_or_below() throws IOException {
        List<String> upward = dependencies().stream()
                .filter(d -> floor(Dependency.folder(d.from())) < floor(Dependency.folder(d.to())))
                .map(d -> d.file() + ": " + d.from() + " -> " + d.to())
                .distinct()
                .toList();
        assertThat(upward).as("imports that run up a floor").isEmpty();
    }

    @Test
    void should_have_no_package_cycles() throws IOException {
        assertThat(cycles(dependencies())).as("package cycles").isEmpty();
    }

    @Test
    void should_have_no_folder_cycles() throws IOException {
        List<Dependency> folders = dependencies().stream()
                .map(d -> new Dependency(d.file(), Dependency.folder(d.from()), Dependency.folder(d.to())))
                .toList();
        assertThat(cycles(folders)).as("cycles between top-level folders").isEmpty();
    }

    @Test
    void should_fail_an_import_that_runs_up_a_floor() {
        assertThat(floor("core")).isLessThan(floor("gateway"));
        List<Dependency> upward = List.of(new Dependency("Route.java", "core.route", "gateway.spi"));
        assertThat(upward).filteredOn(d -> floor(Dependency.folder(d.from())) < floor(Dependency.folder(d.to())))
                .hasSize(1);
        assertThat(cycles(List.of(new Dependency("A.java", "core", "gateway"),
                new Dependency("B.java", "gateway", "core")))).hasSize(2);
    }

    private static List<String> cycles(List<Dependency> dependencies) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Dependency d : dependencies) {
            if (!d.from().equals(d.to())) {
                graph.computeIfAbsent(d.from(), k -> new TreeSet<>()).add(d.to());
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = cycleThrough(start, start, graph, new ArrayList<>(List.of(start)), new HashSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        return cycles;
    }

    /** A path from {@code at} back to {@code start}, or null; depth-first over the import graph. */
    private static List<String> cycleThrough(String start, String at, Map<String, Set<String>> graph, List<String> path,
            Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                path.add(next);
                return path;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleThrough(start, next, graph, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    @Test
    void should_keep_the_http_client_free_of_the_configuration_classes() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("upstream") && d.to().equals("config")))
                .as("upstream gets its settings as UpstreamHttp.Settings").isEmpty();
    }

    @Test
    void should_keep_metrics_free_of_the_neutral_model() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("metrics") && d.to().startsWith("core")))
                .as("metrics take plain names and numbers").isEmpty();
    }

    @Test
    void should_have_scanned_the_code() throws IOException {
        assertThat(dependencies()).hasSizeGreaterThan(100);
    }
}
