package io.switchboard.providers.azure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;

/** Type {@code azure} end to end: the deployment URL, the api-key header, Azure's content filter. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AzureProviderTest extends FakeUpstreamTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

    @Test
    void should_call_the_deployment_with_api_version_and_api_key_header() {
        JsonPath response = generateRecorded("azure/azure-openai-chat-text-content-filter-results.json", "azure", HELLO);
        assertThat(response.getString("content")).isEqualTo("The capital of France is **Paris**.");
        assertThat(response.getString("finish_reason")).isEqualTo("stop");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 14, "output_tokens", 9));
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.uri).isEqualTo("/openai/deployments/my-deployment/chat/completions?api-version=2024-12-01-preview");
        assertThat(sent.header("api-key")).isEqualTo("azure-test-key");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(JsonPath.from(sent.body).getString("model")).isEqualTo("my-deployment");
        // No spec check here: Azure's deployment URLs are in no stored spec, and OpenAI's rejects the
        // api-version query. The body comes from the same mapper OpenAiProviderTest checks against OpenAI's spec.
    }

    @Test
    void should_use_the_model_parameter_as_deployment() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("azure/azure-openai-chat-text-content-filter-results.json")));
        given().contentType("application/json").body(HELLO).queryParam("provider", "azure")
                .queryParam("model", "other deployment").post("/v1/generate").then().statusCode(200);
        assertThat(fake.lastRequest().path).isEqualTo("/openai/deployments/other%20deployment/chat/completions");
    }

    @Test
    void should_report_content_filter_when_azure_filters_the_answer() {
        fake.enqueue(FakeUpstream.sse(List.of(
                Fixtures.chunk("{\"role\":\"assistant\",\"content\":\"I can\"}", null),
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\","
                        + "\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}]}\n\n",
                Fixtures.DONE)));
        List<SseEvents.Event> events = stream("azure", HELLO);
        assertThat(SseEvents.text(events)).isEqualTo("I can");
        JsonPath done = last(events);
        assertThat(done.getString("finish_reason")).isEqualTo("content_filter");
        assertThat(done.getString("metadata.provider_finish_reason")).isEqualTo("content_filter");
        JsonPath wire = JsonPath.from(fake.lastRequest().body);
        assertThat(wire.getBoolean("stream")).isTrue();
    }

}
