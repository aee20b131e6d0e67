package io.switchboard.api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;

/** Tokens open under the key they were sealed with, on any replica; another key's are not this gateway's. */
class ReasoningSealTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReasoningSeal seal(String key) {
        return new ReasoningSeal(JSON, key.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode state() {
        ObjectNode state = JSON.createObjectNode();
        state.putArray("thinking").addObject().put("text", "Think.").put("signature", "EqQBCkYIBxgC");
        return state;
    }

    @Test
    void should_open_a_token_on_a_replica_sharing_the_key() {
        String token = seal("a shared key of replicas, 32 chars").seal("anthropic", state());
        ObjectNode opened = seal("a shared key of replicas, 32 chars").open(token, "input[1].encrypted_content");
        assertThat(opened.get("type").asText()).isEqualTo("anthropic");
        assertThat(opened.at("/thinking/0/signature").asText()).isEqualTo("EqQBCkYIBxgC");
    }

    @Test
    void should_drop_a_token_of_another_key_or_format() {
        String token = seal("the key before the restart........").seal("anthropic", state());
        ReasoningSeal restarted = seal("the key after the restart.........");
        assertThat(restarted.open(token, "input[1].encrypted_content")).isNull();
        assertThat(restarted.open("gAAAAABoExampleOfOpenAIsOwn", "input[1].encrypted_content")).isNull();
        assertThat(restarted.open(null, "input[1].encrypted_content")).isNull();
    }

    @Test
    void should_refuse_a_token_of_its_key_that_was_altered_without_quoting_it() {
        ReasoningSeal seal = seal("a key");
        String token = seal.seal("gemini", state());
        for (String altered : new String[] { token.substring(0, token.length() - 1), token + "A",
                token.substring(0, 12) + (token.charAt(12) == 'A' ? 'B' : 'A') + token.substring(13),
                ReasoningSeal.PREFIX + "%%%" }) {
            GatewayException refused = catchThrowableOfType(GatewayException.class,
                    () -> seal.open(altered, "input[3].encrypted_content"));
            assertThat(refused).as(altered).isNotNull();
            assertThat(refused.getMessage()).startsWith("input[3].encrypted_content: ")
                    .doesNotContain(token.substring(4, 30));
        }
    }
}
