package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;

/** What of a backend's vouched-for reasoning state a backend of each type gets. */
class ReasoningOriginsTest {

    private static final ObjectNode ARGUMENTS = JsonNodeFactory.instance.objectNode().put("city", "Paris");

    private static AIContext context(AIMessage... messages) {
        return new AIContext(List.of(messages), null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static AIMessage assistant(Part... parts) {
        return new AIMessage(Role.ASSISTANT, List.of(parts));
    }

    @Test
    void should_leave_a_context_without_foreign_state_as_it_is() {
        AIContext context = context(new AIMessage(Role.USER, List.of(new TextPart("Hi"))),
                assistant(new ThinkingPart("Think.", "sig", "anthropic"), new ThinkingPart("Echoed.", "sig2"),
                        new TextPart("Hello")));
        assertThat(ReasoningOrigins.forType(context, "anthropic")).isSameAs(context);
    }

    @Test
    void should_keep_foreign_thinking_text_without_its_signature_and_drop_redacted_blocks() {
        AIMessage user = new AIMessage(Role.USER, List.of(new TextPart("Hi")));
        AIContext context = context(user, assistant(new ThinkingPart("Think.", "sig", "anthropic"),
                new ThinkingPart("", ThinkingPart.REDACTED_PREFIX + "opaque", "anthropic"), new TextPart("Hello")));
        AIContext forGemini = ReasoningOrigins.forType(context, "gemini");
        assertThat(forGemini.messages().get(0)).isSameAs(user);
        assertThat(forGemini.messages().get(1).content()).containsExactly(new ThinkingPart("Think.", null),
                new TextPart("Hello"));
    }

    @Test
    void should_strip_a_foreign_calls_state_and_keep_its_raw_arguments() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("thought_signature", "CtIC")
                .put("raw_arguments", "{city: Paris");
        AIContext context = context(assistant(new ToolCallPart("call_1", "get_weather", ARGUMENTS, metadata,
                "gemini")));
        ToolCallPart forAnthropic = (ToolCallPart) ReasoningOrigins.forType(context, "anthropic").messages().get(0)
                .content().get(0);
        assertThat(forAnthropic.metadata().has("thought_signature")).isFalse();
        assertThat(forAnthropic.metadata().get("raw_arguments").asText()).isEqualTo("{city: Paris");
        assertThat(forAnthropic.arguments()).isEqualTo(ARGUMENTS);
        assertThat(ReasoningOrigins.forType(context, "gemini")).isSameAs(context);
    }
}
