package io.switchboard.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testsupport.FixtureFiles;

/**
 * What a backend must receive on the second turn of a stored response continued by {@code previous_response_id}
 * ("How do I cross the street?", the recorded answer with its reasoning state, "And at night?"), whichever SDK
 * continued it.
 */
final class ContinuedTurns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContinuedTurns() {
    }

    /** Anthropic's {@code messages}: the recorded thinking block, text and signature byte-exact, then its text. */
    static void assertAnthropicReceivedTheSignedThinking(JsonNode messages) throws Exception {
        JsonNode recorded = JSON.readTree(FixtureFiles.text("anthropic/thinking.json")).at("/content");
        assertThat(messages.at("/0/content").toString()).contains("How do I cross the street?");
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        JsonNode thinking = messages.at("/1/content/0");
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(thinking.get("thinking").asText()).isEqualTo(recorded.at("/0/thinking").asText());
        assertThat(thinking.get("signature").asText()).isEqualTo(recorded.at("/0/signature").asText());
        assertThat(messages.at("/1/content/1/text").asText()).isEqualTo(recorded.at("/1/text").asText());
        assertThat(messages.at("/2/content").toString()).contains("And at night?");
        assertThat(messages).hasSize(3);
    }

    /** Gemini's {@code contents}: the recorded answer part with its {@code thoughtSignature}, and no other. */
    static void assertGeminiReceivedTheThoughtSignature(JsonNode contents) throws Exception {
        JsonNode parts = JSON.readTree(FixtureFiles.text("gemini/synthetic-thought-signature.json"))
                .at("/candidates/0/content/parts");
        assertThat(contents.at("/0/parts/0/text").asText()).isEqualTo("How do I cross the street?");
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        assertThat(contents.at("/1/parts/0/text").asText()).isEqualTo(parts.get(1).get("text").asText());
        assertThat(contents.get(1).findValuesAsText("thoughtSignature"))
                .containsExactly(parts.get(1).get("thoughtSignature").asText());
        assertThat(contents.at("/2/parts/0/text").asText()).isEqualTo("And at night?");
        assertThat(contents).hasSize(3);
    }
}
