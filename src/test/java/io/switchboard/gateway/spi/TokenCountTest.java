package io.switchboard.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolResultPart;

/** The estimate's rule on every kind of part (the HTTP tests cover text, tools and route defaults). */
class TokenCountTest {

    private static AIContext context(List<AIMessage> messages) {
        return new AIContext(messages, null, null, null, null, null, null, List.of(), null, null, List.of(), null,
                null);
    }

    @Test
    void should_count_thinking_tool_calls_tool_results_and_images_in_the_estimate() {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("city", "Paris");
        AIContext context = context(List.of(
                new AIMessage(Role.USER, List.of(new TextPart("Look:"), new ImagePart("https://x.test/a.png", null))),
                new AIMessage(Role.ASSISTANT, List.of(new ThinkingPart("Check the sky.", null),
                        new ToolCallPart("call_1", "get_weather", arguments, null))),
                new AIMessage(Role.TOOL, List.of(new ToolResultPart("call_1", "get_weather",
                        List.of(new TextPart("Sunny")), null)))));

        // "Look:" 5, "Check the sky." 14, get_weather 11 and {"city":"Paris"} 16, "Sunny" 5: 51 characters, 13
        // tokens; 3 messages of 4; one image of 1600
        TokenCount count = TokenCount.estimate(context);
        assertThat(count.inputTokens()).isEqualTo(13 + 12 + 1600);
        assertThat(count.exact()).isFalse();
    }

    @Test
    void should_estimate_nothing_but_the_message_overhead_for_empty_messages() {
        assertThat(TokenCount.estimate(context(List.of(new AIMessage(Role.USER, List.of())))).inputTokens())
                .isEqualTo(4);
        assertThat(TokenCount.estimate(context(List.of())).inputTokens()).isZero();
    }
}
