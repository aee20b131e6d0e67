package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.switchboard.core.model.ToolCall;

class ToolArgumentsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void should_parse_a_json_object() {
        assertThat(ToolArguments.parse("{\"city\":\"Paris\",\"days\":[1,2]}", mapper))
                .isEqualTo(mapper.createObjectNode().put("city", "Paris").set("days", mapper.createArrayNode().add(1).add(2)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "{", "\"str\"", "[1]", "null", "{} trailing", "{\"a\":1}{\"a\":2}" })
    void should_parse_to_an_empty_object_when_the_text_is_not_a_json_object(String raw) {
        assertThat(ToolArguments.parse(raw, mapper)).isEmpty();
    }

    @Test
    void should_keep_the_raw_text_when_trailing_tokens_follow_the_object() {
        ToolCall call = ToolArguments.toToolCall("call_1", "f", "{\"a\":1} junk", mapper);

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo("{\"a\":1} junk");
    }

    @Test
    void should_generate_an_id_when_a_text_call_has_none() {
        assertThat(ToolArguments.toToolCall(null, "f", "{}", mapper).id()).matches("call_[A-Za-z0-9]{24}");
    }

    @Test
    void should_take_an_object_as_is_when_the_backend_sends_arguments_as_json() {
        var arguments = mapper.createObjectNode().put("q", "x");

        assertThat(ToolArguments.fromObject("toolu_1", "search", arguments))
                .isEqualTo(new ToolCall("toolu_1", "search", arguments));
    }

    @Test
    void should_keep_the_json_text_when_the_backend_sends_arguments_that_are_not_an_object() {
        ToolCall call = ToolArguments.fromObject("id", "f", mapper.createArrayNode().add(1));

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo("[1]");
    }

    @Test
    void should_keep_a_json_null_as_raw_text() {
        ToolCall call = ToolArguments.fromObject("id", "f", JsonNodeFactory.instance.nullNode());

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo("null");
    }

    @Test
    void should_give_empty_arguments_and_a_generated_id_when_a_json_call_has_neither() {
        ToolCall call = ToolArguments.fromObject(null, "now", null);

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata()).isEmpty();
        assertThat(call.id()).matches("call_[A-Za-z0-9]{24}");
    }
}
