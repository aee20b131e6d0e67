package io.switchboard.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the house style, checked by scanning imports: each backend's wire format
 * stays in its own folder, and the neutral core knows no HTTP edge and no provider.
 */
class PackageDependenciesTest {

    static final Path MAIN = Path.of("src/main/java/io/switchboard");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.switchboard\\.([a-z]+)(?:\\.([a-z]+))?",
            Pattern.MULTILINE);

    record Dependency(String file, String from, String to) {
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
                .filter(d -> !d.from().equals(d.to()))
                .filter(d -> !(d.to().equals("providers.openai")
                        && (d.from().equals("providers.azure") || d.from().equals("providers.vllm"))))
                .toList();
        assertThat(crossing).as("only azure and vllm may use openai's classes").isEmpty();
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
    void should_have_scanned_the_code() throws IOException {
        assertThat(dependencies()).hasSizeGreaterThan(100);
    }
}
