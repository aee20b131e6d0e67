package io.switchboard.providers.ollama;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;

/**
 * {@code fetch-images} cannot be turned into an amplifier: the number of images and their total size
 * per request are capped (400 naming the limit, before or while fetching), and no internal address
 * is fetched, whatever IPv6 form carries it.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OllamaImageFetchLimitsTest extends FakeUpstreamTest {

    private static String withImages(List<String> urls) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what?\"},"
                + urls.stream().map(url -> "{\"type\":\"image\",\"url\":\"" + url + "\"}").collect(Collectors.joining(","))
                + "]}]}";
    }

    @Test
    void should_refuse_more_images_than_the_count_limit_before_fetching_any() {
        List<String> urls = List.of(fake.url() + "/a.png", fake.url() + "/b.png", fake.url() + "/c.png",
                fake.url() + "/d.png", fake.url() + "/e.png");
        for (String endpoint : List.of("/v1/generate", "/v1/stream")) {
            given().contentType("application/json").body(withImages(urls)).queryParam("provider", "ollama-fetch")
                    .post(endpoint).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request"))
                    .body("error.message", equalTo("messages[0].content[4].url: more than fetch-images-max-count (3)"
                            + " images to fetch in one request"));
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_refuse_images_over_the_total_size_limit() {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(FakeUpstream.of(200, "image/png", List.of("x".repeat(900))));
        }
        given().contentType("application/json")
                .body(withImages(List.of(fake.url() + "/a.png", fake.url() + "/b.png", fake.url() + "/c.png")))
                .queryParam("provider", "ollama-fetch").post("/v1/generate").then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", org.hamcrest.Matchers.containsString("fetch-images-max-total-size (2048 bytes)"));
        // the images were fetched, Ollama was never called
        assertThat(fake.requests()).allMatch(request -> request.method.equals("GET"));
    }

    @Test
    void should_never_fetch_an_internal_address_in_any_ipv6_or_reserved_form() {
        String port = fake.url().substring(fake.url().lastIndexOf(':') + 1);
        for (String host : List.of("[::ffff:0:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::127.0.0.1]",
                "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::1]", "[::ffff:127.0.0.1]", "198.18.0.1", "[::1]")) {
            given().contentType("application/json").body(withImages(List.of("http://" + host + ":" + port + "/x.png")))
                    .queryParam("provider", "ollama-fetch-public").post("/v1/generate").then().statusCode(400)
                    .body("error.message", startsWith("messages[0].content[1].url: the host resolves to a private"));
        }
        assertThat(fake.requests()).isEmpty();
    }
}
