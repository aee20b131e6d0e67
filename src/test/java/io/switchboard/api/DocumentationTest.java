package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.switchboard.errors.ErrorType;

/**
 * The README and the pages under docs/ as a reader follows them: every file they point to is in the
 * repository (a Markdown link, with its {@code #anchor}, or a repository path written as code), the README's
 * error table names every error type the gateway answers with, every kustomization under k8s/ is named in
 * the README, and the README stays short enough to be read (the detail lives in docs/).
 */
class DocumentationTest {

    static final Path README = Path.of("README.md");
    /**
     * A newcomer's page: what it is, set-up, try it, configuration, backends, governance, the console, deployment, the short
     * figures.
     */
    static final int README_MAX_LINES = 560;

    private static final Pattern FENCE = Pattern.compile("(?ms)^[ \\t]*```.*?^[ \\t]*```[ \\t]*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A path from the repository's root written as code, e.g. {@code `k8s/redis/redis.yaml`}. */
    private static final Pattern REPOSITORY_PATH = Pattern
            .compile("`((?:\\.ci|bench|bin|docker|docs|k8s|src|tools)/[\\w./-]*)`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+?)[ \\t]*#*[ \\t]*$");
    private static final Pattern TABLE_TYPE = Pattern.compile("(?m)^\\|[ \\t]*`([a-z_]+)`[ \\t]*\\|");

    @Test
    void should_point_every_link_and_repository_path_at_a_file_that_exists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = FENCE.matcher(Files.readString(page)).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": link " + target);
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": anchor " + target);
                }
            }
            Matcher path = REPOSITORY_PATH.matcher(text);
            while (path.find()) {
                if (!Files.exists(Path.of(path.group(1)))) {
                    broken.add(page + ": path " + path.group(1));
                }
            }
        }
        assertThat(broken).as("links and paths in README.md, CONTRIBUTING.md and docs/ that lead nowhere").isEmpty();
    }

    @Test
    void should_list_every_error_type_in_the_readme_error_table() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("### Errors");
        assertThat(start).as("an \"### Errors\" section in README.md").isGreaterThanOrEqualTo(0);
        int end = readme.indexOf("\n#", start + 1);
        Matcher row = TABLE_TYPE.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).as("the types of the README's error table")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList());
    }

    @Test
    void should_name_every_kustomization_in_the_readme() throws IOException {
        String readme = Files.readString(README);
        try (Stream<Path> dirs = Files.list(Path.of("k8s"))) {
            List<String> kustomizations = dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> "`k8s/" + dir.getFileName() + "/`").toList();
            assertThat(kustomizations).isNotEmpty().allSatisfy(dir -> assertThat(readme).contains(dir));
        }
    }

    @Test
    void should_keep_the_readme_within_its_line_budget() throws IOException {
        assertThat(Files.readAllLines(README).size()).as("README.md lines (move detail to docs/)")
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README, Path.of("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(Files.readString(page)).replaceAll(""));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ',
                    '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }
}
