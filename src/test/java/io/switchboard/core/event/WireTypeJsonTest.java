package io.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.ErrorBody;
import io.switchboard.errors.ErrorType;

/**
 * The exact JSON of every stream event and message part: SSE frames, the generate answer, the compatible APIs and
 * the request reader all depend on it, {@code type} first. Each value is written through its interface (as the
 * stream encoder and a list of parts do) and as its own record, and read back through the interface.
 */
class WireTypeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Read back as the application's mapper reads, ignoring unknown fields: an image part also writes its derived
     * {@code data_uri}, which is not a field to read.
     */
    private static final ObjectMapper READER = JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Arguments> events() {
        ObjectNode arguments = JSON.createObjectNode().put("city", "Paris");
        ObjectNode metadata = JSON.createObjectNode().put("raw_arguments", "{");
        return Stream.of(
                Arguments.of(new ThinkingDelta("hmm", "sig"),
                        "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\",\"signature\":\"sig\"}"),
                Arguments.of(new ThinkingDelta("hmm"), "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\",\"signature\":null}"),
                Arguments.of(new TextDelta("Hello"), "{\"type\":\"text_delta\",\"text\":\"Hello\"}"),
                Arguments.of(new ToolCallEvent("call_1", "weather", arguments, metadata),
                        "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"city\":\"Paris\"},"
                                + "\"metadata\":{\"raw_arguments\":\"{\"}}"),
                Arguments.of(Done.of(FinishReason.TOOL_CALLS, "tool_use", "m-1", new Usage(3, 4)),
                        "{\"type\":\"done\",\"finish_reason\":\"tool_calls\",\"usage\":{\"input_tokens\":3,\"output_tokens\":4},"
                                + "\"metadata\":{\"provider_finish_reason\":\"tool_use\",\"response_model\":\"m-1\"}}"),
                Arguments.of(new ErrorEvent(new ErrorBody(ErrorType.PROVIDER_TIMEOUT, "slow", "p", 504, true, false, "r-1")),
                        "{\"type\":\"error\",\"error\":{\"type\":\"provider_timeout\",\"message\":\"slow\",\"provider\":\"p\","
                                + "\"status_code\":504,\"retryable\":true,\"context_overflow\":false,\"request_id\":\"r-1\"}}"));
    }

    static Stream<Arguments> parts() {
        ObjectNode arguments = JSON.createObjectNode().put("city", "Paris");
        return Stream.of(
                Arguments.of(new TextPart("Hi"), "{\"type\":\"text\",\"text\":\"Hi\"}"),
                Arguments.of(new ImagePart("https://example.com/a.png", "image/png"),
                        "{\"type\":\"image\",\"url\":\"https://example.com/a.png\",\"mime_type\":\"image/png\",\"data_uri\":false}"),
                Arguments.of(new ToolCallPart("call_1", "weather", arguments, null),
                        "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"city\":\"Paris\"},"
                                + "\"metadata\":{}}"),
                Arguments.of(new ToolResultPart("call_1", "weather", List.of(new TextPart("sunny"),
                        new ImagePart("data:image/png;base64,AA==", null)), true),
                        "{\"type\":\"tool_result\",\"tool_call_id\":\"call_1\",\"name\":\"weather\",\"result\":["
                                + "{\"type\":\"text\",\"text\":\"sunny\"},"
                                + "{\"type\":\"image\",\"url\":\"data:image/png;base64,AA==\",\"mime_type\":null,\"data_uri\":true}],"
                                + "\"is_error\":true}"),
                Arguments.of(new ThinkingPart("hmm", "sig"),
                        "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"}"));
    }

    static Stream<Arguments> values() {
        return Stream.concat(events().map(a -> Arguments.of(StreamEvent.class, a.get()[0], a.get()[1])),
                parts().map(a -> Arguments.of(Part.class, a.get()[0], a.get()[1])));
    }

    @ParameterizedTest
    @MethodSource("values")
    void jsonIsPinnedWrittenBothWaysAndReadsBack(Class<?> root, Object value, String expected) throws Exception {
        assertThat(JSON.writerFor(root).writeValueAsString(value)).isEqualTo(expected);
        assertThat(JSON.writeValueAsString(value)).isEqualTo(expected);
        assertThat(READER.readValue(expected, root)).isEqualTo(value);
        assertThat(READER.readValue(expected, value.getClass())).isEqualTo(value);
        String type = value instanceof StreamEvent event ? event.type() : ((Part) value).type();
        assertThat(JSON.readTree(expected).get("type").textValue()).isEqualTo(type);
    }
}
