package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.ErrorBody;
import io.switchboard.errors.ErrorType;

class SseEncoderTest {

    final SseEncoder encoder = new SseEncoder(new ObjectMapper());

    @Test
    void should_write_event_name_and_one_data_line_byte_for_byte() {
        assertThat(encoder.encode(new TextDelta("Hel\nlo \"x\"")).toString()).isEqualTo(
                "event: text_delta\ndata: {\"type\":\"text_delta\",\"text\":\"Hel\\nlo \\\"x\\\"\"}\n\n");
        assertThat(encoder.encode(new ThinkingDelta("Let me see")).toString()).isEqualTo(
                "event: thinking_delta\ndata: {\"type\":\"thinking_delta\",\"thinking\":\"Let me see\",\"signature\":null}\n\n");
        assertThat(encoder.encode(ThinkingDelta.signatureOnly("sig")).toString()).isEqualTo(
                "event: thinking_delta\ndata: {\"type\":\"thinking_delta\",\"thinking\":\"\",\"signature\":\"sig\"}\n\n");
    }

    @Test
    void should_write_tool_calls_done_and_errors_with_snake_case_fields() {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("city", "Paris");
        assertThat(encoder.encode(new ToolCallEvent("call_1", "get_weather", args, null)).toString()).isEqualTo(
                "event: tool_call\ndata: {\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"},\"metadata\":{}}\n\n");
        assertThat(encoder.encode(Done.of(FinishReason.TOOL_CALLS, "tool_calls", new Usage(12, 40))).toString())
                .isEqualTo(
                        "event: done\ndata: {\"type\":\"done\",\"finish_reason\":\"tool_calls\",\"usage\":{\"input_tokens\":12,\"output_tokens\":40},\"metadata\":{\"provider_finish_reason\":\"tool_calls\"}}\n\n");
        ErrorBody error = new ErrorBody(ErrorType.PROVIDER_ERROR, "anthropic returned HTTP 529: Overloaded", "anthropic",
                529, true, false, "req_1");
        assertThat(encoder.encode(new ErrorEvent(error)).toString()).isEqualTo(
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"provider_error\",\"message\":\"anthropic returned HTTP 529: Overloaded\",\"provider\":\"anthropic\",\"status_code\":529,\"retryable\":true,\"context_overflow\":false,\"request_id\":\"req_1\"}}\n\n");
    }

    @Test
    void should_write_a_text_delta_exactly_as_the_object_writer_does() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String text : List.of("", "plain", "quote \" backslash \\ slash /", "line\nbreak\r\ttab", "\u0000\u001f\u007f",
                "héllo 日本 🎉", "\u2028\u2029", "</script>")) {
            String expected = "event: text_delta\ndata: "
                    + json.writerFor(StreamEvent.class).writeValueAsString(new TextDelta(text)) + "\n\n";
            assertThat(encoder.encode(new TextDelta(text)).toString(StandardCharsets.UTF_8)).as(text).isEqualTo(expected);
        }
        assertThat(encoder.encode(new TextDelta(null)).toString())
                .isEqualTo("event: text_delta\ndata: {\"type\":\"text_delta\",\"text\":null}\n\n");
    }

    @Test
    void should_write_the_keep_alive_comment() {
        assertThat(SseEncoder.keepAlive().toString()).isEqualTo(": keep-alive\n\n");
    }

    @Test
    void should_use_the_event_type_as_the_sse_event_name_for_every_event() {
        for (var event : List.of(new TextDelta("a"), new ThinkingDelta("b"), Done.of(FinishReason.STOP, null, null))) {
            assertThat(encoder.encode(event).toString()).startsWith("event: " + event.type() + "\ndata: {\"type\":\""
                    + event.type() + "\"");
        }
    }
}
