package io.switchboard.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.metrics.AccessLog;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.OpenApiContract;

/**
 * Virtual keys end to end over HTTP, on the store of the subclass: their lifecycle through the admin API (the
 * secret answered once, never listed, read or logged), authentication on every door's header, the routes and models
 * a key may use, rpm, tpm and max_concurrent with their headers, and budgets: refused before the call, settled at
 * the real cost, and a stream the client cuts charged for what was streamed.
 */
abstract class VirtualKeysContract {

    static final String ADMIN_KEY = VirtualKeysProfile.ADMIN_KEY;
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String CHAT_COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Noted."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    static final String CHUNK = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":"
            + "\"Twenty characters!! \"},\"finish_reason\":null}]}\n\n";

    @InjectFakeUpstream
    FakeUpstream fake;

    @BeforeEach
    void setUp() {
        fake.reset();
    }

    static RequestSpecification admin() {
        return given().filter(OpenApiContract.filter()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json");
    }

    static RequestSpecification adminUnchecked() {
        return given().filter(OpenApiContract.filter().withoutRequestValidation())
                .header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json");
    }

    /** Creates a key; answers its id and secret. */
    static String[] create(String body) {
        JsonPath created = admin().body(body).post("/v1/keys").then().statusCode(201).extract().jsonPath();
        return new String[] { created.getString("id"), created.getString("key") };
    }

    static Response generate(String key, String provider) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json").body(HELLO)
                .post("/v1/generate?provider=" + provider);
    }

    static JsonPath usage(String id) {
        return admin().get("/v1/keys/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void should_create_list_read_patch_and_delete_a_key_whose_secret_is_answered_once() {
        AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY).attach();
        try {
            Response created = admin().body("""
                    {"name": "team-a", "routes": ["mock", "echo"], "rpm": 100, "budget_usd": 25.5,
                     "budget_period": "month", "expires_at": "2099-01-01T00:00:00Z", "metadata": {"team": "a"}}""")
                    .post("/v1/keys");
            created.then().statusCode(201).body("id", startsWith("key_")).body("name", equalTo("team-a"))
                    .body("key", startsWith("sk-sb-")).body("routes", equalTo(List.of("mock", "echo")))
                    .body("rpm", equalTo(100)).body("budget_usd", equalTo(25.5f)).body("budget_period", equalTo("month"))
                    .body("metadata.team", equalTo("a")).body("created_at", notNullValue())
                    .body("key_hash", nullValue());
            String id = created.jsonPath().getString("id");
            String secret = created.jsonPath().getString("key");

            given().header("Authorization", "Bearer " + secret).header("X-Request-Id", "vk-lifecycle-1")
                    .contentType("application/json").body(HELLO).post("/v1/generate?provider=mock").then()
                    .statusCode(200);
            String list = admin().get("/v1/keys").then().statusCode(200)
                    .body("keys.id", hasItem(id)).extract().asString();
            assertThat(list).doesNotContain(secret).doesNotContain(KeyRegistry.hash(secret));
            String read = admin().get("/v1/keys/" + id).then().statusCode(200).body("name", equalTo("team-a"))
                    .body("usage.requests", equalTo(1)).body("usage.period_start", startsWith(
                            java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1).toString()))
                    .extract().asString();
            JsonPath usage = JsonPath.from(read);
            assertThat(usage.getDouble("usage.cost_usd")).isPositive();
            assertThat(usage.getDouble("usage.budget_remaining_usd"))
                    .isCloseTo(25.5 - usage.getDouble("usage.cost_usd"), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(read).doesNotContain(secret).doesNotContain(KeyRegistry.hash(secret)).doesNotContain("\"key\"");
            assertThat(access.awaitLines("vk-lifecycle-1", 1)).singleElement().asString().contains("team-a")
                    .doesNotContain(secret);

            admin().contentType("application/merge-patch+json")
                    .body("{\"rpm\": 50, \"metadata\": null, \"models\": [\"mock-1\"]}").patch("/v1/keys/" + id).then()
                    .statusCode(200).body("rpm", equalTo(50)).body("metadata", nullValue())
                    .body("models", equalTo(List.of("mock-1"))).body("budget_usd", equalTo(25.5f))
                    .body("key", nullValue());
            generate(secret, "mock").then().statusCode(200);

            admin().delete("/v1/keys/" + id).then().statusCode(204);
            generate(secret, "mock").then().statusCode(401);
            admin().get("/v1/keys/" + id).then().statusCode(404).body("error.message", containsString(id));
            admin().delete("/v1/keys/" + id).then().statusCode(404);
        } finally {
            access.detach();
        }
    }

    @Test
    void should_refuse_an_invalid_key_naming_the_field() {
        adminUnchecked().body("{\"rpm\": 5}").post("/v1/keys").then().statusCode(400)
                .body("error.message", startsWith("name:"));
        adminUnchecked().body("{\"name\": \"x\", \"rpm\": 0}").post("/v1/keys").then().statusCode(400)
                .body("error.message", startsWith("rpm:"));
        adminUnchecked().body("{\"name\": \"x\", \"tpm\": \"many\"}").post("/v1/keys").then().statusCode(400)
                .body("error.message", containsString("tpm"));
        adminUnchecked().body("{\"name\": \"x\", \"budget_period\": \"day\"}").post("/v1/keys").then()
                .statusCode(400).body("error.message", startsWith("budget_period:"));
        adminUnchecked().body("{\"name\": \"x\", \"budget_usd\": 1, \"budget_period\": \"year\"}").post("/v1/keys")
                .then().statusCode(400).body("error.message", startsWith("budget_period:"));
        adminUnchecked().body("{\"name\": \"x\", \"expires_at\": \"tomorrow\"}").post("/v1/keys").then()
                .statusCode(400).body("error.message", startsWith("expires_at:"));
        adminUnchecked().body("{\"name\": \"x\", \"rpn\": 5}").post("/v1/keys").then().statusCode(400)
                .body("error.message", startsWith("rpn: unknown field"));
        given().contentType("application/json").header("Authorization", "Bearer key-one").body("{\"name\": \"x\"}")
                .post("/v1/keys").then().statusCode(401);
    }

    @Test
    void should_authenticate_a_virtual_key_on_every_door_and_refuse_an_expired_one() {
        String key = create("{\"name\": \"doors\"}")[1];
        generate(key, "mock").then().statusCode(200);
        given().header("x-api-key", key).contentType("application/json")
                .body("{\"model\":\"mock\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages").then().statusCode(200);
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);
        String gemini = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
        given().header("x-goog-api-key", key).contentType("application/json").body(gemini)
                .post("/v1beta/models/mock:generateContent").then().statusCode(200);
        given().queryParam("key", key).urlEncodingEnabled(false).contentType("application/json").body(gemini)
                .post("/v1beta/models/mock:generateContent").then().statusCode(200);
        // configured gateway keys keep working
        generate("key-one", "mock").then().statusCode(200);
        generate("sk-sb-not-a-key", "mock").then().statusCode(401);

        String expired = create("{\"name\": \"old\", \"expires_at\": \"2020-01-01T00:00:00Z\"}")[1];
        generate(expired, "mock").then().statusCode(401).body("error.message", containsString("expired"));
    }

    @Test
    void should_refuse_403_the_routes_and_models_a_key_may_not_use() {
        String routes = create("{\"name\": \"echo-only\", \"routes\": [\"echo\"]}")[1];
        generate(routes, "echo").then().statusCode(200);
        generate(routes, "mock").then().statusCode(403).body("error.type", equalTo("forbidden"))
                .body("error.message", containsString("\"mock\""));
        String models = create("{\"name\": \"echo-model\", \"models\": [\"echo-1\"]}")[1];
        generate(models, "echo").then().statusCode(200);
        given().header("Authorization", "Bearer " + models).contentType("application/json").body(HELLO)
                .post("/v1/generate?provider=echo&model=echo-2").then().statusCode(403)
                .body("error.type", equalTo("forbidden")).body("error.message", containsString("\"echo-2\""));
    }

    @Test
    void should_refuse_over_rpm_with_retry_after_and_the_rate_limit_headers() {
        String key = create("{\"name\": \"rpm-2\", \"rpm\": 2}")[1];
        generate(key, "mock").then().statusCode(200).header("x-ratelimit-limit-requests", "2")
                .header("x-ratelimit-remaining-requests", "1");
        generate(key, "mock").then().statusCode(200).header("x-ratelimit-remaining-requests", "0");
        generate(key, "mock").then().statusCode(429).body("error.type", equalTo("rate_limited"))
                .body("error.retryable", equalTo(true)).body("error.message", containsString("rpm"))
                .header("Retry-After", notNullValue()).header("x-ratelimit-limit-requests", "2")
                .header("x-ratelimit-remaining-requests", "0");
        // another key is not held back
        generate(create("{\"name\": \"free\"}")[1], "mock").then().statusCode(200)
                .header("x-ratelimit-limit-requests", nullValue());
    }

    @Test
    void should_refuse_once_tpm_is_used_up_by_the_real_usage() {
        String key = create("{\"name\": \"tpm-5\", \"tpm\": 5}")[1];
        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        generate(key, "openai").then().statusCode(200).header("x-ratelimit-limit-tokens", "5")
                .header("x-ratelimit-remaining-tokens", "5");
        generate(key, "openai").then().statusCode(429).body("error.type", equalTo("rate_limited"))
                .body("error.message", containsString("tpm")).header("x-ratelimit-remaining-tokens", "0")
                .header("Retry-After", notNullValue());
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void should_refuse_a_request_over_max_concurrent_at_once() throws Exception {
        String key = create("{\"name\": \"one-at-a-time\", \"max_concurrent\": 1}")[1];
        fake.enqueue(FakeUpstream.sse(List.of(CHUNK)).thenHang());
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<InputStream>> first = client.sendAsync(streamRequest(key, "openai"),
                HttpResponse.BodyHandlers.ofInputStream());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests().size() == 1);
        generate(key, "mock").then().statusCode(429).body("error.type", equalTo("rate_limited"))
                .body("error.message", containsString("max_concurrent"));
        first.get().body().close();
        client.shutdownNow();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> generate(key, "mock").statusCode() == 200);
    }

    @Test
    void should_refuse_a_request_its_budget_cannot_cover_before_calling_the_backend() {
        String key = create("{\"name\": \"small-budget\", \"budget_usd\": 0.001}")[1];
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":1000}")
                .post("/v1/generate?provider=openai").then().statusCode(429)
                .body("error.type", equalTo("budget_exceeded")).body("error.retryable", equalTo(false))
                .body("error.message", containsString("small-budget"));
        assertThat(fake.requests()).isEmpty();
        // a model without a price cannot be counted against a budget
        given().header("Authorization", "Bearer " + key).contentType("application/json").body(HELLO)
                .post("/v1/generate?provider=gemini&model=gemini-not-in-the-catalog").then().statusCode(403)
                .body("error.type", equalTo("forbidden"))
                .body("error.message", containsString("no price"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_settle_a_budgeted_call_at_its_real_cost() {
        String[] key = create("{\"name\": \"settled\", \"budget_usd\": 1, \"budget_period\": \"day\"}");
        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        given().header("Authorization", "Bearer " + key[1]).contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":1000}")
                .post("/v1/generate?provider=openai").then().statusCode(200);
        JsonPath usage = usage(key[0]);
        assertThat(usage.getInt("usage.requests")).isEqualTo(1);
        assertThat(usage.getInt("usage.input_tokens")).isEqualTo(5);
        assertThat(usage.getInt("usage.output_tokens")).isEqualTo(2);
        // 5 input tokens at 1e-6 and 2 output tokens at 1e-5
        assertThat(usage.getDouble("usage.cost_usd")).isEqualTo(0.000025);
        assertThat(usage.getDouble("usage.budget_remaining_usd")).isEqualTo(1 - 0.000025);
        assertThat(usage.getString("usage.period_start"))
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "T00:00:00Z");
    }

    @Test
    void should_charge_a_stream_the_client_cuts_for_what_was_streamed() throws Exception {
        String[] key = create("{\"name\": \"cut-stream\", \"budget_usd\": 1}");
        fake.enqueue(FakeUpstream.sse(List.of(CHUNK, CHUNK)).thenHang());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(streamRequest(key[1], "openai"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder read = new StringBuilder();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256];
            int n;
            while (read.indexOf("Twenty characters") == read.lastIndexOf("Twenty characters")
                    && (n = in.read(buffer)) > 0) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        client.shutdownNow();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> usage(key[0]).getDouble("usage.cost_usd") > 0);
        JsonPath usage = usage(key[0]);
        // 40 characters streamed: 10 output tokens, at least; the input as estimated from the body
        assertThat(usage.getInt("usage.output_tokens")).isGreaterThanOrEqualTo(10);
        assertThat(usage.getDouble("usage.cost_usd")).isGreaterThanOrEqualTo(10 * VirtualKeysProfile.OUTPUT);
        assertThat(usage.getDouble("usage.budget_remaining_usd")).isLessThan(1.0);
    }

    static HttpRequest streamRequest(String key, String provider) {
        int port = io.restassured.RestAssured.port;
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/stream?provider=" + provider))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers
                        .ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":100}"))
                .build();
    }
}
