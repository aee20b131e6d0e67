package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.client.ApiClient;
import io.switchboard.client.api.GenerationApi;
import io.switchboard.client.model.AIContext;
import io.switchboard.client.model.AIMessage;
import io.switchboard.client.model.AIMessageContent;
import io.switchboard.client.model.AIResponse;
import io.switchboard.client.model.DoneEvent;
import io.switchboard.client.model.FinishReason;
import io.switchboard.client.model.Part;
import io.switchboard.client.model.PartList;
import io.switchboard.client.model.StreamEvent;
import io.switchboard.client.model.TextDeltaEvent;
import io.switchboard.client.model.TextPart;
import io.switchboard.testsupport.SseEvents;

/**
 * The Java client that OpenAPI Generator makes from {@code openapi.yaml} (library {@code native};
 * generated and compiled by the build, unpatched, in {@code target/generated-test-sources}) talks to
 * the running gateway: the contract is one a generated client can use, not only one a validator accepts.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void should_generate_an_answer_when_called_through_the_generated_client() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + root.getPort());
        PartList parts = new PartList();
        parts.add(new Part(new TextPart().type(TextPart.TypeEnum.TEXT).text("And in parts?")));
        AIContext context = new AIContext().messages(List.of(
                new AIMessage().role(AIMessage.RoleEnum.USER).content(new AIMessageContent("Hello!")),
                new AIMessage().role(AIMessage.RoleEnum.USER).content(new AIMessageContent(parts))));

        AIResponse answer = new GenerationApi(client).generate(context, "mock", "mock-1", "generated-client-1");

        assertThat(answer.getContent()).isEqualTo("Hello from the mock provider.");
        assertThat(answer.getFinishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answer.getMetadata().getProvider()).isEqualTo("mock");
        assertThat(answer.getMetadata().getModel()).isEqualTo("mock-1");
        assertThat(answer.getMetadata().getRequestId()).isEqualTo("generated-client-1");
    }

    // The stream is Server-Sent Events, not one JSON document: the generated stream() hands the body over unparsed
    // (a File, for a binary string) and an SSE parse plus the generated StreamEvent model read it.
    @Test
    void should_read_a_stream_when_called_through_the_generated_client() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + root.getPort());
        AIContext context = new AIContext().messages(List.of(
                new AIMessage().role(AIMessage.RoleEnum.USER).content(new AIMessageContent("Hello!"))));

        Object answer = new GenerationApi(client).stream(context, "mock", null, "generated-stream-1");

        assertThat(answer).isInstanceOf(File.class);
        String body = Files.readString(((File) answer).toPath());
        Files.delete(((File) answer).toPath());
        StringBuilder text = new StringBuilder();
        List<Object> events = new ArrayList<>();
        for (SseEvents.Event frame : SseEvents.parse(body)) {
            Object event = client.getObjectMapper().readValue(frame.data(), StreamEvent.class).getActualInstance();
            if (event instanceof TextDeltaEvent delta) {
                text.append(delta.getText());
            }
            events.add(event);
        }
        assertThat(text).hasToString("Hello from the mock provider.");
        assertThat(events.getLast()).isInstanceOfSatisfying(DoneEvent.class,
                done -> assertThat(done.getMetadata().getRequestId()).isEqualTo("generated-stream-1"));
    }

    @Test
    void should_read_every_stream_event_with_the_generated_stream_event_model() throws Exception {
        String body = given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}")
                .post("/v1/stream").then().statusCode(200).extract().asString();

        ApiClient client = new ApiClient();
        List<Object> events = new ArrayList<>();
        for (SseEvents.Event event : SseEvents.parse(body)) {
            events.add(client.getObjectMapper().readValue(event.data(), StreamEvent.class).getActualInstance());
        }

        assertThat(events).isNotEmpty();
        assertThat(events.subList(0, events.size() - 1)).allMatch(TextDeltaEvent.class::isInstance);
        assertThat(events.getLast()).isInstanceOfSatisfying(DoneEvent.class,
                done -> assertThat(done.getFinishReason()).isEqualTo(FinishReason.STOP));
    }
}
