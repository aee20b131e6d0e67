package io.switchboard.api.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.switchboard.routes.RouteAdmin;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.GatewayAndAdminKeys;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * The admin API on the default (memory) store, end to end over HTTP: create, read, list, merge-patch,
 * delete, validation, the configuration file's routes being read-only, admin keys apart from client keys,
 * the audit log, and muted routes on both endpoints.
 */
@QuarkusTest
@TestProfile(GatewayAndAdminKeys.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class RoutesAdminTest {

    static final String ADMIN_KEY = GatewayAndAdminKeys.ADMIN_KEY;
    /** A gateway key: it opens /v1, not the admin API. */
    static final String CLIENT_KEY = "key-one";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}";
    static final String CHAT_COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Noted."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    @InjectFakeUpstream
    FakeUpstream fake;

    final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        fake.reset();
        Logger.getLogger(RouteAdmin.class.getName()).addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger(RouteAdmin.class.getName()).removeHandler(capture);
        for (String name : List.of("room-1", "room-patch", "room-muted", "room-gone", "support-room",
                "room-cached")) {
            admin().delete("/v1/routes/" + name);
        }
    }

    static RequestSpecification admin() {
        return given().filter(OpenApiContract.filter()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json");
    }

    /** For deliberately invalid requests: only the answer is checked against the contract. */
    static RequestSpecification adminUnchecked() {
        return given().filter(OpenApiContract.filter().withoutRequestValidation())
                .header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json");
    }

    static RequestSpecification client() {
        return given().filter(OpenApiContract.filter()).header("Authorization", "Bearer " + CLIENT_KEY)
                .contentType("application/json");
    }

    @Test
    void should_create_read_list_replace_and_serve_a_runtime_route() {
        admin().body("""
                {"targets": ["echo", "mock/mock-2"], "system_prompt": "You are the room's assistant.",
                 "temperature": 0.3, "max_tokens": 2048,
                 "tools": [{"name": "lookup", "description": "Looks up", "parameters": {"type": "object"}}]}""")
                .put("/v1/routes/room-1")
                .then().statusCode(201).body("name", equalTo("room-1")).body("origin", equalTo("runtime"))
                .body("targets", equalTo(List.of("echo", "mock/mock-2"))).body("strategy", equalTo("fallback"))
                .body("temperature", equalTo(0.3f)).body("max_tokens", equalTo(2048)).body("muted", equalTo(false));

        admin().get("/v1/routes/room-1").then().statusCode(200).body("system_prompt",
                equalTo("You are the room's assistant.")).body("tools[0].name", equalTo("lookup"));
        admin().get("/v1/routes").then().statusCode(200)
                .body("routes.find { it.name == 'assistant' }.origin", equalTo("config"))
                .body("routes.find { it.name == 'room-1' }.origin", equalTo("runtime"));
        client().get("/v1/providers").then().statusCode(200)
                .body("routes.find { it.name == 'room-1' }.targets", equalTo(List.of("echo", "mock/mock-2")));

        client().body(HELLO).post("/v1/generate?provider=room-1").then().statusCode(200)
                .body("metadata.provider", equalTo("echo")).body("metadata", not(hasItem("muted")));

        admin().body("{\"targets\": [\"mock\"]}").put("/v1/routes/room-1").then().statusCode(200)
                .body("targets", equalTo(List.of("mock"))).body("system_prompt", nullValue());
        client().body(HELLO).post("/v1/generate?provider=room-1").then().statusCode(200)
                .body("metadata.provider", equalTo("mock"));
    }

    @Test
    void should_give_a_request_without_a_format_the_routes_response_format() throws Exception {
        admin().body("""
                {"targets": ["mock"], "response_format": {"type": "json_schema", "json_schema": {"name": "reply",
                 "schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]},
                 "strict": true}}}""").put("/v1/routes/room-1").then().statusCode(201)
                .body("response_format.json_schema.name", equalTo("reply"));
        String answer = client().body(HELLO).post("/v1/generate?provider=room-1").then().statusCode(200)
                .body("metadata.schema_valid", equalTo(true)).extract().path("content");
        assertThat(answer).isEqualTo("{\"ok\":false}");
        // the request's own format wins
        client().body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"text\"}}")
                .post("/v1/generate?provider=room-1").then().statusCode(200)
                .body("content", equalTo("Hello from the mock provider.")).body("metadata.schema_valid", nullValue());
        expect400("{\"targets\": [\"echo\"], \"response_format\": {\"type\": \"json_schema\"}}",
                "response_format.json_schema: required when type is json_schema");
    }

    // What the console sends on "Try it out": the route examples of the contract, written then patched.
    @Test
    void should_answer_every_request_example_of_the_admin_api() throws Exception {
        OpenAPI document = OpenApiContract.document();
        String route = "/v1/routes/" + document.getComponents().getParameters().get("routeName").getExample();
        PathItem routes = document.getPaths().get("/v1/routes/{name}");
        int sent = 0;
        for (Operation operation : List.of(routes.getPut(), routes.getPatch())) {
            for (Map.Entry<String, MediaType> media : operation.getRequestBody().getContent().entrySet()) {
                for (Example example : media.getValue().getExamples().values()) {
                    String body = Json31.mapper().writeValueAsString(example.getValue());
                    int status = admin().contentType(media.getKey()).body(body)
                            .request(operation == routes.getPut() ? "PUT" : "PATCH", route).then().extract()
                            .statusCode();
                    assertThat(status).as("%s %s", media.getKey(), body).isIn(200, 201);
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(1);
    }

    @Test
    void should_apply_a_merge_patch_where_null_unsets_a_field() {
        admin().body("{\"targets\": [\"echo\"], \"temperature\": 0.3, \"max_tokens\": 2048, \"system_prompt\": \"Hi\"}")
                .put("/v1/routes/room-patch").then().statusCode(201);
        admin().contentType("application/merge-patch+json").body("{\"max_tokens\": null, \"temperature\": 0.5}")
                .patch("/v1/routes/room-patch")
                .then().statusCode(200).body("temperature", equalTo(0.5f)).body("system_prompt", equalTo("Hi"))
                .body("$", not(hasItem("max_tokens"))).body("max_tokens", nullValue());
        admin().get("/v1/routes/room-patch").then().body("max_tokens", nullValue()).body("temperature", equalTo(0.5f));

        admin().body("{\"targets\": null}").patch("/v1/routes/room-patch").then().statusCode(400)
                .body("error.message", equalTo("targets: at least one provider required"));
        admin().body("{\"muted\": true}").patch("/v1/routes/nowhere").then().statusCode(404)
                .body("error.type", equalTo("not_found"));
    }

    @Test
    void should_send_a_routes_top_p_unless_the_request_sets_its_own() {
        admin().body("{\"targets\": [\"openai\"], \"top_p\": 0.4}").put("/v1/routes/room-1").then().statusCode(201)
                .body("top_p", equalTo(0.4f));
        admin().get("/v1/routes/room-1").then().statusCode(200).body("top_p", equalTo(0.4f));

        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        client().body(HELLO).post("/v1/generate?provider=room-1").then().statusCode(200);
        assertThat(JsonPath.from(fake.lastRequest().body).getDouble("top_p")).isEqualTo(0.4);

        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        client().body("{\"model\":\"room-1\",\"top_p\":0.6,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);
        assertThat(JsonPath.from(fake.lastRequest().body).getDouble("top_p")).isEqualTo(0.6);
    }

    @Test
    void should_name_the_field_of_an_invalid_route() {
        expect400("{\"targets\": [\"echo\", \"x\"]}", "targets[1]: unknown provider \"x\"");
        expect400("{\"targets\": [\"echo\"], \"temperature\": 3}", "temperature: must be between 0 and 2, got 3.0");
        expect400("{\"targets\": [\"echo\"], \"temperature\": \"hot\"}", "temperature: wrong type (expected a number)");
        expect400("{\"targets\": [\"echo\"], \"max_tokens\": 0}", "max_tokens: must be at least 1, got 0");
        expect400("{\"targets\": [\"echo\"], \"top_p\": 0}", "top_p: must be greater than 0 and at most 1, got 0.0");
        expect400("{\"targets\": [\"echo\"], \"strategy\": \"random\"}",
                "strategy: unknown strategy \"random\" (known: fallback, weighted, least-busy, latency)");
        expect400("{\"targets\": [\"echo\", \"mock\"], \"strategy\": \"weighted\", \"weights\": [1]}",
                "weights: one weight per target required (2 targets, 1 weights)");
        expect400("{\"targets\": [\"echo\"], \"context_overflow_targets\": [\"nope/big\"]}",
                "context_overflow_targets[0]: unknown provider \"nope\"");
        expect400("{\"targets\": [\"echo\"], \"tools\": [{\"description\": \"no name\"}]}", "tools[0].name: required");
        expect400("{\"targets\": [\"echo\"], \"temprature\": 0.3}", null);
        expect400("[1, 2]", "body: must be a JSON object");
        expect400("{\"targets\": [\"echo\"], \"tools\": [null]}", "tools[0]: must not be null");
        expect400("{\"targets\": ",
                "body: not valid JSON (Unexpected end-of-input within/between Object entries at line 1, column 13)");
        adminUnchecked().body("{\"targets\": [\"echo\"]}").put("/v1/routes/bad name").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.startsWith("name: "));
        admin().get("/v1/routes/room-1").then().statusCode(404);
    }

    private void expect400(String body, String message) {
        Response response = adminUnchecked().body(body).put("/v1/routes/room-1");
        response.then().statusCode(400).body("error.type", equalTo("invalid_request"));
        if (message != null) {
            assertThat(response.jsonPath().getString("error.message")).isEqualTo(message);
        } else {
            assertThat(response.jsonPath().getString("error.message")).startsWith("temprature: unknown field");
        }
    }

    @Test
    void should_keep_configuration_routes_and_provider_names_read_only() {
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            RequestSpecification request = method.equals("DELETE") ? admin() : admin().body("{\"targets\": [\"echo\"]}");
            request.request(method, "/v1/routes/assistant").then().statusCode(409)
                    .body("error.type", equalTo("conflict"))
                    .body("error.message", org.hamcrest.Matchers.containsString("switchboard.routes.assistant"));
        }
        admin().body("{\"targets\": [\"echo\"]}").put("/v1/routes/echo").then().statusCode(409)
                .body("error.message", org.hamcrest.Matchers.containsString("switchboard.providers.echo"));
        admin().get("/v1/routes/assistant").then().statusCode(200).body("origin", equalTo("config"))
                .body("targets", equalTo(List.of("mock-429", "echo"))).body("max_tokens", equalTo(256));
    }

    @Test
    void should_require_an_admin_key_and_never_take_a_client_key() {
        given().filter(OpenApiContract.filter().withoutRequestValidation()).get("/v1/routes").then().statusCode(401)
                .body("error.type", equalTo("unauthorized"));
        client().get("/v1/routes").then().statusCode(401).body("error.type", equalTo("unauthorized"));
        client().body("{\"targets\": [\"echo\"]}").put("/v1/routes/room-1").then().statusCode(401);
        given().header("Authorization", "Bearer admin-secret-2").get("/v1/routes").then().statusCode(200);
        given().header("Authorization", "Bearer wrong").get("/v1/routes").then().statusCode(401);
        // an admin key also passes the gateway-key check, so an operator can try the rooms they configure
        admin().body(HELLO).post("/v1/generate").then().statusCode(200);
        client().get("/v1/routes/assistant").then().statusCode(401);
    }

    @Test
    void should_log_who_changed_which_fields_without_values_or_keys() {
        admin().body("{\"targets\": [\"echo\"], \"system_prompt\": \"secret plan\"}").put("/v1/routes/room-1")
                .then().statusCode(201);
        admin().body("{\"temperature\": 0.2}").patch("/v1/routes/room-1").then().statusCode(200);
        admin().delete("/v1/routes/room-1").then().statusCode(204);
        admin().delete("/v1/routes/room-1").then().statusCode(404);
        String log = String.join("\n", logged);
        assertThat(log).contains("room-1").contains("created").contains("(fields: targets, strategy, system_prompt, muted)")
                .contains("updated (fields: temperature)").contains("deleted")
                .doesNotContain(ADMIN_KEY).doesNotContain("secret plan").doesNotContain("0.2");
        assertThat(log).containsPattern("key [0-9a-f]{12}");
    }

    @Test
    void should_skip_the_backend_when_streaming_a_muted_route_and_mark_generated_answers() {
        admin().body("{\"targets\": [\"openai\"], \"muted\": true}").put("/v1/routes/room-muted").then()
                .statusCode(201).body("muted", equalTo(true));

        String stream = client().body(HELLO).post("/v1/stream?provider=room-muted").then().statusCode(200)
                .header("X-Switchboard-Muted", "true")
                .contentType("text/event-stream").extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(stream);
        assertThat(SseEvents.types(events)).containsExactly("done");
        OpenApiContract.assertValidStream(stream);
        assertThat(events.get(0).json().getBoolean("metadata.muted")).isTrue();
        assertThat(events.get(0).json().getString("finish_reason")).isEqualTo("stop");
        assertThat(events.get(0).json().getInt("usage.input_tokens")).isZero();
        assertThat(events.get(0).json().getInt("usage.output_tokens")).isZero();
        assertThat(fake.requests()).isEmpty();

        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        client().body(HELLO).post("/v1/generate?provider=room-muted").then().statusCode(200)
                .header("X-Switchboard-Muted", "true").body("content", equalTo("Noted."))
                .body("metadata.muted", equalTo(true));
        assertThat(fake.requests()).hasSize(1);

        // the compatible APIs: the same behaviour, said by a header (their answers have no metadata)
        String chat = "{\"model\":\"room-muted\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        String messages = "{\"model\":\"room-muted\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        for (String[] door : new String[][] { { "/v1/chat/completions", chat }, { "/v1/messages", messages } }) {
            fake.reset();
            String streamed = client().body(door[1] + ",\"stream\":true}").post(door[0]).then().statusCode(200)
                    .header("X-Switchboard-Muted", "true").contentType("text/event-stream").extract().asString();
            assertThat(streamed).as(door[0]).doesNotContain("Noted.");
            assertThat(fake.requests()).as("no backend call for a muted stream on %s", door[0]).isEmpty();

            fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
            client().body(door[1] + "}").post(door[0]).then().statusCode(200)
                    .header("X-Switchboard-Muted", "true").body(containsString("Noted."));
            assertThat(fake.requests()).as("the backend answers a muted generate on %s", door[0]).hasSize(1);
        }

        admin().body("{\"muted\": false}").patch("/v1/routes/room-muted").then().statusCode(200)
                .body("muted", equalTo(false));
        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        client().body(chat + "}").post("/v1/chat/completions").then().statusCode(200)
                .header("X-Switchboard-Muted", nullValue());
        fake.enqueue(FakeUpstream.json(200, CHAT_COMPLETION));
        client().body(HELLO).post("/v1/generate?provider=room-muted").then().statusCode(200)
                .body("metadata.muted", nullValue());
    }

    @Test
    void should_place_a_cache_breakpoint_after_the_system_prompt_of_a_route_that_asks_for_it() {
        admin().body("""
                {"targets": ["anthropic-plain"], "system_prompt": "You answer the room.", "cache_system_prompt": true}""")
                .put("/v1/routes/room-cached").then().statusCode(201).body("cache_system_prompt", equalTo(true));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        client().body(HELLO).post("/v1/generate?provider=room-cached").then().statusCode(200);
        assertThat(fake.lastRequest().body).contains(
                "\"system\":[{\"type\":\"text\",\"text\":\"You answer the room.\",\"cache_control\":{\"type\":\"ephemeral\"}}]");

        admin().contentType("application/merge-patch+json").body("{\"cache_system_prompt\": null}")
                .patch("/v1/routes/room-cached").then().statusCode(200).body("cache_system_prompt", nullValue());
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        client().body(HELLO).post("/v1/generate?provider=room-cached").then().statusCode(200);
        assertThat(fake.lastRequest().body).doesNotContain("cache_control").contains("\"system\":\"You answer the room.\"");
    }
}
