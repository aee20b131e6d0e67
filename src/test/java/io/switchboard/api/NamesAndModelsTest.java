package io.switchboard.api;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.OpenWithAdminKey;

/**
 * Provider, route and model names are held to one rule wherever they come in: a model or provider with a line
 * break, a C1 control, a line separator or a bidirectional control, or too long, is a 400 naming the field on
 * every door (in that door's error shape) and on an admin write, instead of being stored, served and logged;
 * real model ids of every backend still pass.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class NamesAndModelsTest {

    static final String ADMIN_KEY = OpenWithAdminKey.ADMIN_KEY;
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Map<String, String>> HELLO = List.of(Map.of("role", "user", "content", "Hi"));

    /** A refused model and the reason every door gives for it. */
    record Refused(String value, String problem) {
    }

    static final List<Refused> REFUSED = List.of(
            new Refused("a\r\nX-Injected: 1", "contains a control character (U+000D)"),
            new Refused("a\u0085b", "contains a control character (U+0085)"),
            new Refused("a\u2028b", "contains a line or paragraph separator (U+2028)"),
            new Refused("gpt\u202Eb", "contains an invisible formatting character (U+202E)"));

    static final List<String> REAL_MODEL_IDS = List.of("accounts/fireworks/models/llama-v3p1-405b-instruct",
            "meta-llama/Llama-3.1-8B-Instruct", "gemini-2.5-pro", "models/gemini-2.5-flash",
            "claude-sonnet-4-5@20250929", "anthropic.claude-3-5-sonnet-20240620-v1:0", "gpt-4o-2024-08-06",
            "my-gpt4o_deployment.eu-2", "llama3.2:3b", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
            "Qwen/Qwen3-8B", "mistral-large-latest");

    @AfterEach
    void tearDown() {
        for (String name : List.of("names-bad", "names-real")) {
            admin().delete("/v1/routes/" + name);
        }
    }

    static RequestSpecification client() {
        return OpenApiContract.invalidRequest();
    }

    static RequestSpecification admin() {
        return OpenApiContract.invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    @Test
    void should_refuse_a_model_with_a_line_break_or_an_invisible_character_on_the_native_doors() {
        for (String path : List.of("/v1/generate", "/v1/stream")) {
            for (Refused refused : REFUSED) {
                client().queryParam("provider", "echo").queryParam("model", refused.value())
                        .body(json(Map.of("messages", HELLO))).post(path)
                        .then().statusCode(400).body("error.type", equalTo("invalid_request"))
                        .body("error.message", equalTo("model: " + refused.problem()));
                client().queryParam("provider", refused.value()).body(json(Map.of("messages", HELLO))).post(path)
                        .then().statusCode(400).body("error.type", equalTo("invalid_request"))
                        .body("error.message", equalTo("provider: " + refused.problem()));
            }
            // the longest a request line may be (4 KB) is the bound of a query parameter, below 10,000
            client().queryParam("provider", "echo").queryParam("model", "m".repeat(3000))
                    .body(json(Map.of("messages", HELLO))).post(path)
                    .then().statusCode(400).body("error.message", equalTo("model: longer than 256 characters"));
            client().queryParam("provider", "p".repeat(3000)).body(json(Map.of("messages", HELLO))).post(path)
                    .then().statusCode(400).body("error.message", equalTo("provider: longer than 64 characters"));
        }
    }

    @Test
    void should_refuse_a_model_with_a_line_break_or_an_invisible_character_on_chat_completions() {
        for (Refused refused : REFUSED) {
            for (String model : List.of(refused.value(), "echo/" + refused.value())) {
                client().body(json(Map.of("model", model, "messages", HELLO))).post("/v1/chat/completions")
                        .then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                        .body("error.param", equalTo("model"))
                        .body("error.message", equalTo("model: " + refused.problem()));
            }
        }
        client().body(json(Map.of("model", "echo/" + "m".repeat(10_000), "messages", HELLO)))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("model"))
                .body("error.message", equalTo("model: longer than 321 characters"));
        client().body(json(Map.of("model", "echo/" + "m".repeat(257), "messages", HELLO)))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", equalTo("model: longer than 256 characters"));
    }

    @Test
    void should_refuse_a_model_with_a_line_break_or_an_invisible_character_on_messages() {
        for (Refused refused : REFUSED) {
            for (String model : List.of(refused.value(), "echo/" + refused.value())) {
                client().body(json(Map.of("model", model, "max_tokens", 16, "messages", HELLO))).post("/v1/messages")
                        .then().statusCode(400).body("type", equalTo("error"))
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.message", equalTo("model: " + refused.problem()));
            }
        }
        client().body(json(Map.of("model", "m".repeat(10_000), "max_tokens", 16, "messages", HELLO)))
                .post("/v1/messages")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("model: longer than 321 characters"));
    }

    @Test
    void should_refuse_a_runtime_route_whose_names_could_forge_a_header_or_a_log_line() {
        expect400(Map.of("targets", List.of("echo/a\r\nX-Injected: 1")),
                "targets[0].model: contains a control character (U+000D)");
        expect400(Map.of("targets", List.of("echo"), "context_overflow_targets", List.of("echo/big\u2028x")),
                "context_overflow_targets[0].model: contains a line or paragraph separator (U+2028)");
        expect400(Map.of("targets", List.of("echo", "ec\u202Eho/m")),
                "targets[1].provider: contains an invisible formatting character (U+202E)");
        expect400(Map.of("targets", List.of("echo/" + "m".repeat(10_000))),
                "targets[0].model: longer than 256 characters");
        expect400(Map.of("targets", List.of("echo/../admin")),
                "targets[0].model: a \".\" or \"..\" segment is not allowed");
        admin().get("/v1/routes/names-bad").then().statusCode(404);

        admin().body(json(Map.of("targets", List.of("echo")))).put("/v1/routes/names-bad").then().statusCode(201);
        admin().contentType("application/merge-patch+json; charset=UTF-8")
                .body(json(Map.of("targets", List.of("echo/a\u0085b"))))
                .patch("/v1/routes/names-bad").then().statusCode(400)
                .body("error.message", equalTo("targets[0].model: contains a control character (U+0085)"));
        admin().get("/v1/routes/names-bad").then().statusCode(200).body("targets", equalTo(List.of("echo")));
    }

    @Test
    void should_accept_real_model_ids_of_every_backend() {
        for (String id : REAL_MODEL_IDS) {
            client().queryParam("provider", "echo").queryParam("model", id).body(json(Map.of("messages", HELLO)))
                    .post("/v1/generate").then().statusCode(200).body("metadata.model", equalTo(id));
            client().body(json(Map.of("model", "echo/" + id, "messages", HELLO))).post("/v1/chat/completions")
                    .then().statusCode(200);
            client().body(json(Map.of("model", "echo/" + id, "max_tokens", 16, "messages", HELLO)))
                    .post("/v1/messages").then().statusCode(200);
            admin().body(json(Map.of("targets", List.of("echo/" + id)))).put("/v1/routes/names-real").then()
                    .statusCode(anyOf(equalTo(200), equalTo(201)))
                    .body("targets", equalTo(List.of("echo/" + id)));
            client().body(json(Map.of("messages", HELLO))).post("/v1/generate?provider=names-real").then()
                    .statusCode(200).body("metadata.model", equalTo(id));
        }
    }

    private static void expect400(Map<String, Object> route, String message) {
        admin().body(json(route)).put("/v1/routes/names-bad").then().statusCode(400)
                .body("error.type", equalTo("invalid_request")).body("error.message", equalTo(message));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
