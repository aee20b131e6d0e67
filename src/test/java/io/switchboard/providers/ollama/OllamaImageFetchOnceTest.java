package io.switchboard.providers.ollama;

import static io.switchboard.providers.ollama.OllamaStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeImageHost;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;

/**
 * The images of {@code fetch-images} belong to the request, not to an attempt: retries and a route's other
 * Ollama targets reuse the first fetch, so each image is fetched once per request and the caps
 * ({@code fetch-images-max-count}, {@code fetch-images-max-total-size}) count per request. Only providers
 * with the same fetch settings share a fetch, and a client that hangs up still stops it.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OllamaImageFetchOnceTest extends FakeUpstreamTest {

    /** The size of every image; 8 of them fit {@code fetch-images-max-total-size=8K}, 9 would not. */
    private static final int IMAGE_BYTES = 1000;

    private static FakeImageHost images;

    @BeforeAll
    static void startImageHost() {
        images = new FakeImageHost(IMAGE_BYTES).start();
    }

    @AfterAll
    static void stopImageHost() {
        images.stop();
    }

    @BeforeEach
    void resetImageHost() {
        images.reset();
    }

    private static List<String> urls(int count) {
        return IntStream.range(0, count).mapToObj(i -> images.url("/img/" + i + ".png")).toList();
    }

    private static String withImages(List<String> urls) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what?\"},"
                + urls.stream().map(url -> "{\"type\":\"image\",\"url\":\"" + url + "\"}").collect(Collectors.joining(","))
                + "]}]}";
    }

    private static Map<String, Integer> oncePerImage(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toMap(i -> "/img/" + i + ".png", i -> 1));
    }

    private static FakeUpstream.Reply unavailable() {
        return FakeUpstream.json(503, "{\"error\":\"server busy, please try again\"}");
    }

    private static FakeUpstream.Reply answer(String endpoint) {
        return endpoint.equals("generate") ? FakeUpstream.json(200, fixture("text.json"))
                : FakeUpstream.ndjson(Chunks.whole(fixture("length-stream.ndjson")));
    }

    /** The answer's metadata, from the body of {@code /v1/generate} or the done event of {@code /v1/stream}. */
    private static JsonPath call(String endpoint, String provider, String body) {
        String answer = post("/v1/" + endpoint, provider, body).then().statusCode(200).extract().asString();
        return endpoint.equals("generate") ? JsonPath.from(answer).setRootPath("metadata")
                : last(SseEvents.parse(answer)).setRootPath("metadata");
    }

    /** Every request Ollama got carried all the images, inline. */
    private void assertEveryChatCarried(int calls, int imageCount) {
        List<FakeUpstream.Received> chats = fake.requests();
        assertThat(chats).hasSize(calls).allSatisfy(chat -> {
            assertThat(chat.path).isEqualTo("/api/chat");
            assertThat(JsonPath.from(chat.body).getList("messages[0].images")).hasSize(imageCount);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_fetch_each_image_once_when_ollama_is_retried(String endpoint) {
        fake.enqueue(unavailable()).enqueue(unavailable()).enqueue(answer(endpoint));
        JsonPath metadata = call(endpoint, "ollama-images-a", withImages(urls(8)));
        assertThat(metadata.getInt("attempts")).isEqualTo(3);
        assertEveryChatCarried(3, 8);
        assertThat(images.fetches()).isEqualTo(oncePerImage(8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_fetch_each_image_once_when_a_route_fails_over_to_other_ollama_providers(String endpoint) {
        // four providers, three attempts each: the last attempt of the last one answers
        for (int i = 0; i < 11; i++) {
            fake.enqueue(unavailable());
        }
        fake.enqueue(answer(endpoint));
        JsonPath metadata = call(endpoint, "ollama-images", withImages(urls(8)));
        assertThat(metadata.getString("provider")).isEqualTo("ollama-images-d");
        assertThat(metadata.getInt("attempts")).isEqualTo(12);
        assertEveryChatCarried(12, 8);
        assertThat(images.fetches()).isEqualTo(oncePerImage(8));
    }

    @Test
    void should_count_the_image_caps_per_request_across_retries_and_targets() {
        for (int i = 0; i < 11; i++) {
            fake.enqueue(unavailable());
        }
        fake.enqueue(answer("generate"));
        // fetch-images-max-count=8 lets 8 images through once, and the bytes stay within the request's budget
        call("generate", "ollama-images", withImages(urls(8)));
        assertThat(images.fetchCount()).isEqualTo(8);
        assertThat(images.bytesSent()).isEqualTo(8 * IMAGE_BYTES).isLessThanOrEqualTo(8 * 1024);

        fake.reset();
        images.reset();
        post("/v1/generate", "ollama-images", withImages(urls(9))).then().statusCode(400)
                .body("error.message", equalTo("messages[0].content[9].url: more than fetch-images-max-count (8)"
                        + " images to fetch in one request"));
        assertThat(images.fetchCount()).isZero();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_not_reuse_images_fetched_under_another_providers_looser_limits() {
        // ollama-images-a may fetch from loopback, ollama-fetch-public may not: its own check refuses the image
        fake.enqueue(unavailable()).enqueue(unavailable()).enqueue(unavailable());
        post("/v1/generate", "ollama-images-then-public", withImages(urls(1))).then().statusCode(400)
                .body("error.message", startsWith("messages[0].content[1].url: the host resolves to a private"));
        assertThat(fake.requests()).hasSize(3);
        assertThat(images.fetches()).isEqualTo(oncePerImage(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_stop_fetching_when_the_client_hangs_up(String endpoint) throws Exception {
        byte[] body = withImages(List.of(images.url("/trickle/slow.png"))).getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/" + endpoint + "?provider=ollama-images-a HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> images.fetchCount() == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> images.closedEarly() == 1);
        assertThat(fake.requests()).isEmpty();
    }
}
