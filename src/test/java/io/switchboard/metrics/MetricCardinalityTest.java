package io.switchboard.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.Prometheus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * A caller must not be able to create metric series: invented {@code ?model=} values fold into the
 * {@code model="other"} label, invented methods into {@code method="OTHER"}, and invented paths and path
 * spellings add no {@code uri} tag values, so the scrape does not grow with them.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MetricCardinalityTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TestHTTPResource("/")
    URI root;

    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

    @Inject
    Vertx vertx;

    private CompletableFuture<HttpResponse<Void>> post(String pathAndQuery) {
        return client.sendAsync(HttpRequest.newBuilder(root.resolve(pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private CompletableFuture<HttpResponse<Void>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(root.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** Requests {@code from..to} with invented models, and every tenth one invented paths, 50 at a time. */
    private void traffic(int from, int to) {
        for (int batch = from; batch < to; batch += 50) {
            List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
            List<CompletableFuture<HttpResponse<Void>>> invented = new ArrayList<>();
            for (int i = batch; i < Math.min(to, batch + 50); i++) {
                String endpoint = i % 4 == 0 ? "v1/stream" : "v1/generate";
                calls.add(post(endpoint + "?provider=echo&model=invented-model-" + i));
                if (i % 10 == 0) {
                    invented.add(get("v1/invented-path-" + i));
                    invented.add(get("invented-root-" + i));
                    invented.add(post("v1/generate-invented-" + i));
                    invented.add(post("v1;invented=" + i + "/generate?provider=echo"));
                    invented.add(post("v1/generate;invented=" + i + "?provider=echo"));
                }
            }
            assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
            invented.forEach(CompletableFuture::join);
        }
    }

    @Test
    void should_not_add_series_for_invented_models_or_paths() {
        // the first round creates the series every kind of request needs (the "other" model among them)
        traffic(0, 50);
        List<String> before = Prometheus.series();

        traffic(50, 2_050);

        List<String> after = Prometheus.series();
        assertThat(after.stream().filter(line -> line.contains("invented"))).isEmpty();
        // a refused spelling whose client hangs up early is counted without a status, under one fixed uri;
        // the JVM's own series (a first GC of some kind) come with time, not with requests
        List<String> known = before.stream().map(MetricCardinalityTest::seriesKey).toList();
        assertThat(after.stream().map(MetricCardinalityTest::seriesKey)
                .filter(key -> !known.contains(key) && !key.startsWith("jvm_")))
                .as("series after 2,000 requests with invented models and paths")
                .allMatch(key -> key.contains("uri=\"/refused-path\""));
    }

    /** {@code count} requests with invented methods, numbered from {@code from}, to a route and to an unknown path. */
    private void inventedMethods(int from, int count) {
        String[] paths = { "v1/generate", "nothing" };
        for (int batch = from; batch < from + count; batch += 50) {
            List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
            for (int i = batch; i < Math.min(from + count, batch + 50); i++) {
                calls.add(client.sendAsync(HttpRequest.newBuilder(root.resolve(paths[i % paths.length]))
                        .method("INVENTED" + i, HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            // a door that takes another method answers 405, a path no door serves 404
            assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isIn(404, 405));
        }
    }

    @Test
    void should_count_invented_methods_as_OTHER() {
        inventedMethods(0, 30);
        Prometheus.series();
        List<String> before = Prometheus.series().stream().map(MetricCardinalityTest::seriesKey)
                .filter(key -> !key.startsWith("jvm_")).toList();

        inventedMethods(30, 2_000);

        List<String> after = Prometheus.series().stream().map(MetricCardinalityTest::seriesKey)
                .filter(key -> !key.startsWith("jvm_")).toList();
        assertThat(after).as("series after 2,000 requests with invented methods").hasSameElementsAs(before)
                .noneMatch(key -> key.contains("INVENTED"));
        double counted = Prometheus.series("http_server_requests_seconds_count").stream()
                .filter(line -> line.contains("method=\"OTHER\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(counted).isGreaterThanOrEqualTo(2_030);
    }

    @Test
    void should_not_add_series_for_invented_paths_whose_client_resets_before_the_answer() throws Exception {
        HttpClient http2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            for (int i = 0; i < 5; i++) {
                RequestOptions request = new RequestOptions().setHost("127.0.0.1").setPort(root.getPort())
                        .setMethod(HttpMethod.POST).setURI("/v1/generate-reset-invented-" + i)
                        .putHeader("Content-Type", "application/json");
                // the body is never finished: the server waits for it, then the client resets its stream
                HttpClientRequest sent = http2.request(request).toCompletionStage().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                sent.setChunked(true).write("{").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                Thread.sleep(50);
                sent.reset();
            }
        } finally {
            http2.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // the resets are counted once the server has seen them
        Thread.sleep(200);

        assertThat(Prometheus.series()).noneMatch(line -> line.contains("invented"));
    }

    /** A sample line without its value: the metric name and labels. */
    private static String seriesKey(String line) {
        return line.substring(0, line.lastIndexOf(' '));
    }

    @Test
    void should_keep_configured_models_as_label_values() {
        given().contentType("application/json").body(HELLO).queryParam("provider", "echo").post("/v1/generate")
                .then().statusCode(200);
        given().contentType("application/json").body(HELLO).queryParam("provider", "echo")
                .queryParam("model", "not-configured").post("/v1/generate").then().statusCode(200);

        assertThat(Prometheus.series("switchboard_requests_total"))
                .anyMatch(line -> line.contains("provider=\"echo\"") && line.contains("model=\"echo-1\""))
                .anyMatch(line -> line.contains("provider=\"echo\"") && line.contains("model=\"other\""));
    }
}
