package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.GatewayAndAdminKeys;
import io.switchboard.testsupport.RawHttp;

/**
 * An attacker's requests against a gateway with keys configured. No spelling of an API path reaches a
 * route without a key: matrix parameters, percent-encoded letters, dots and slashes, dot segments,
 * double slashes, case, absolute form; each is tried on every {@code /v1} path of openapi.yaml (plus
 * the compatible-API paths) with every method, over a raw socket because HTTP clients normalise such
 * paths before sending them. And 500 hostile bodies and parameters give no 5xx and no hang.
 */
@QuarkusTest
@TestProfile(GatewayAndAdminKeys.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class HostileRequestsTest {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    /** API paths other engineers' routes add; covered whether or not they exist yet. */
    private static final List<String> MORE_API_PATHS = List.of("/v1/chat/completions", "/v1/models", "/v1/messages",
            "/v1/routes", "/v1/routes/assistant", "/v1");

    @TestHTTPResource("/")
    URL root;

    /** Spellings of {@code /v1/<rest>}; {@code R} is the rest, {@code U} its upper-case form. */
    static final List<String> SPELLINGS = List.of(
            "/v1;/R", "/v1;x=y/R", "/v1;a/R;b", "/v1/R;", "/v1/R;x=1", "/v1;jsessionid=abc/R", "/v1/R;jsessionid=1",
            "/;/v1/R", "/.;/v1/R", "/v1/..;/v1/R", "/v1/;/R", "/v1/R;.json", "/v1;%2F/R", "/v1/R;/",
            "//v1/R", "/v1//R", "///v1///R", "/v1/R//", "/./v1/R", "/v1/./R", "/v1/R/.", "/x/../v1/R",
            "/v1/x/../R", "/q/../v1/R", "/q/health/../../v1/R", "/v1/R/x/..", "/v1/R/..", "/v1/./R;x",
            "/%76%31/R", "/v%31/R", "/%761/R", "/%56%31/R", "/v1%2FR", "/v1%2fR", "/%2Fv1/R", "/%2F/v1/R",
            "/%2e/v1/R", "/v1/%2e/R", "/v1/%2E%2E/v1/R", "/%2e%2e/v1/R", "/.%2E/v1/R", "/v1/R/%2e%2e", "/v1/R%2e",
            "/v1%3B/R", "/v1%3bx/R", "/v1/R%3B", "/v1%5CR", "/v1\\R", "\\v1\\R", "/v1/R%2F", "/v1/%72R",
            "/V1/R", "/v1/U", "/V1/U", "/v1/R/", "/v1/R?x=1", "/v1/R#frag", "/v1/R%00", "/v1/R%20", "/v1/R.json",
            "http://127.0.0.1/v1/R", "/v1/R%", "/v1/R%zz", "/v1/R%2");

    @Test
    void should_refuse_or_authenticate_every_spelling_of_every_api_path_with_every_method() throws IOException {
        assertThat(SPELLINGS).hasSizeGreaterThanOrEqualTo(50);
        List<String> paths = apiPaths();
        assertThat(paths).contains("/v1/generate", "/v1/stream", "/v1/providers");
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (String path : paths) {
            for (String spelling : spellings(path)) {
                for (String method : METHODS) {
                    RawHttp.Answer answer = RawHttp.send(root.getPort(), method, spelling,
                            method.equals("POST") ? GenerateResourceTest.HELLO : null);
                    tried++;
                    boolean refused = answer.status() == 400 || answer.status() == 401;
                    // the HTTP codec refuses a request line it cannot parse before the application sees it,
                    // with an empty 400; every answer the application gives carries the envelope
                    boolean enveloped = method.equals("HEAD") || answer.body().contains("\"error\"")
                            || answer.status() == 400 && answer.body().isEmpty();
                    if (!refused || !enveloped) {
                        failures.add(method + " " + spelling + " -> " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(failures).as("served without a key, out of " + tried).isEmpty();
    }

    @Test
    void should_refuse_an_unusual_spelling_even_with_a_valid_key() throws IOException {
        String key = "Authorization: Bearer key-one";
        for (String spelling : List.of("/v1;/generate", "/v1/generate;x", "/v1//generate", "/v1/./generate",
                "/x/../v1/generate", "/%761/generate", "/v1%2Fgenerate", "/v1/%2e/generate")) {
            RawHttp.Answer answer = RawHttp.send(root.getPort(), "POST", spelling, GenerateResourceTest.HELLO, key);
            assertThat(answer.status()).as(spelling).isEqualTo(400);
            assertThat(answer.body()).as(spelling).contains("\"invalid_request\"").contains("path: ");
        }
        // the one accepted spelling is served, so the refusals above are about the spelling alone
        assertThat(RawHttp.send(root.getPort(), "POST", "/v1/generate", GenerateResourceTest.HELLO, key).status())
                .isEqualTo(200);
        assertThat(RawHttp.send(root.getPort(), "GET", "/v1/providers", null, key).status()).isEqualTo(200);
    }

    @Test
    void should_keep_health_metrics_and_openapi_open_in_their_usual_spelling() throws IOException {
        for (String open : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertThat(RawHttp.send(root.getPort(), "GET", open, null).status()).as(open).isEqualTo(200);
        }
    }

    /** One hostile request: where it goes, its body, and how a refusal must begin (the door's error shape). */
    record Hostile(String target, String body, String errorShape) {
    }

    @Test
    void should_answer_500_hostile_bodies_without_a_5xx_or_a_hang() throws Exception {
        java.util.Random random = new java.util.Random(20261130);
        Map<Integer, Integer> statuses = sendHostile(500, i -> new Hostile(
                (i % 2 == 0 ? "/v1/generate" : "/v1/stream") + HostileBodies.query(random),
                HostileBodies.next(random, i), "{\"error\":{"));
        assertThat(statuses.keySet()).contains(400);
    }

    @Test
    void should_answer_500_hostile_bodies_on_the_compatible_apis_in_their_error_shapes() throws Exception {
        java.util.Random random = new java.util.Random(20261201);
        Map<Integer, Integer> statuses = sendHostile(500, i -> i % 2 == 1
                ? new Hostile("/v1/messages", HostileBodies.nextDialect(random, i / 2, true),
                        "{\"type\":\"error\",\"error\":{")
                : new Hostile("/v1/chat/completions", HostileBodies.nextDialect(random, i / 2, false), "{\"error\":{"));
        assertThat(statuses.keySet()).contains(200, 400);
    }

    /**
     * Sends {@code count} hostile requests one after the other; fails on any 5xx, hang or refusal outside the
     * door's error shape, and returns how many answers each status had.
     */
    private Map<Integer, Integer> sendHostile(int count, java.util.function.IntFunction<Hostile> requests)
            throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < count; i++) {
                Hostile hostile = requests.apply(i);
                java.net.http.HttpRequest request = java.net.http.HttpRequest
                        .newBuilder(root.toURI().resolve(hostile.target()))
                        .timeout(java.time.Duration.ofSeconds(20))
                        .header("Authorization", "Bearer key-one").header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(hostile.body())).build();
                java.net.http.HttpResponse<String> response = client.send(request,
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                statuses.merge(response.statusCode(), 1, Integer::sum);
                boolean shaped = response.statusCode() < 300 || response.body().startsWith(hostile.errorShape());
                if (response.statusCode() >= 500 || !shaped) {
                    failures.add(hostile.target() + " " + abbreviate(hostile.body()) + " -> " + response.statusCode()
                            + " " + abbreviate(response.body()));
                }
            }
        } finally {
            client.shutdownNow();
        }
        System.out.println("hostile bodies, answers by status: " + statuses);
        assertThat(failures).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        return statuses;
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    static List<String> spellings(String apiPath) {
        String rest = apiPath.equals("/v1") ? "" : apiPath.substring("/v1/".length());
        String upper = rest.toUpperCase(java.util.Locale.ROOT);
        Set<String> result = new LinkedHashSet<>();
        for (String spelling : SPELLINGS) {
            result.add(spelling.replace("R", rest).replace("U", upper));
        }
        return List.copyOf(result);
    }

    /** Every /v1 path of the contract (templates filled in), and the ones other routes add. */
    static List<String> apiPaths() throws IOException {
        Set<String> paths = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("(?m)^  (/v1[^:\\s]*):\\s*$").matcher(Files.readString(Path.of("openapi.yaml")));
        while (matcher.find()) {
            paths.add(matcher.group(1).replaceAll("\\{[^}]+}", "x"));
        }
        paths.addAll(MORE_API_PATHS);
        return List.copyOf(paths);
    }
}
