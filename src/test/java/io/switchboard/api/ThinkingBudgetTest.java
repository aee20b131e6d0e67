package io.switchboard.api;

import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;

/**
 * A request for thinking is honoured or refused naming the field, never dropped: the Messages door holds
 * {@code thinking.budget_tokens} to the Messages API's rules (required with {@code type: enabled}, at least
 * 1024), and the native API asks for a budget an Anthropic backend can take.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ThinkingBudgetTest extends FakeUpstreamTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"How far is the Moon?\"}]";

    private static String messages(String thinking) {
        return "{\"model\":\"anthropic\",\"max_tokens\":4096,\"thinking\":" + thinking + "," + MESSAGES + "}";
    }

    @Test
    void should_refuse_enabled_thinking_without_a_budget_on_the_messages_door() {
        invalidRequest().body(messages("{\"type\":\"enabled\"}")).post("/v1/messages").then().statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("thinking.budget_tokens: required"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_refuse_a_budget_under_1024_on_the_messages_door() {
        invalidRequest().body(messages("{\"type\":\"enabled\",\"budget_tokens\":512}")).post("/v1/messages").then()
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("thinking.budget_tokens: must be at least 1024, got 512"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_send_the_budget_the_messages_door_was_given() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        jsonRequest().body(messages("{\"type\":\"enabled\",\"budget_tokens\":1024}")).post("/v1/messages").then()
                .statusCode(200);
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        assertThat(sent.getString("thinking.type")).isEqualTo("enabled");
        assertThat(sent.getInt("thinking.budget_tokens")).isEqualTo(1024);
    }

    @Test
    void should_refuse_enable_thinking_without_a_budget_for_an_anthropic_backend_on_the_native_api() {
        post("/v1/generate", "anthropic", "{\"enable_thinking\":true," + MESSAGES + "}").then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", containsString("thinking_budget: required to think on an Anthropic backend"));
        post("/v1/stream", "anthropic", "{\"enable_thinking\":true," + MESSAGES + "}").then().statusCode(400)
                .body("error.message", containsString("thinking_budget"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_refuse_a_budget_an_anthropic_backend_cannot_take_on_the_native_api() {
        post("/v1/generate", "anthropic", "{\"thinking_budget\":500," + MESSAGES + "}").then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", equalTo("thinking_budget: an Anthropic backend takes at least 1024, got 500"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_not_think_when_enable_thinking_is_false_whatever_the_budget() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        generate("anthropic", "{\"enable_thinking\":false,\"thinking_budget\":2048," + MESSAGES + "}");
        assertThat(JsonPath.from(fake.lastRequest().body).getMap("$")).doesNotContainKey("thinking");
    }
}
