package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ToolCall;

class ToolCallAssemblerTest {

    private static final String GENERATED_ID = "call_[A-Za-z0-9]{24}";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ToolCallAssembler assembler = new ToolCallAssembler(mapper);

    @Test
    void should_assemble_parallel_calls_when_their_fragments_interleave_by_index() {
        assembler.fragment(0, "call_a", "get_weather", "");
        assembler.fragment(1, "call_b", "get_time", null);
        assembler.fragment(0, null, null, "{\"ci");
        assembler.fragment(1, null, null, "{\"tz\":");
        assembler.fragment(0, null, null, "ty\":\"Par");
        assembler.fragment(1, null, null, "\"CET\"}");
        assembler.fragment(0, null, null, "is\"}");

        assertThat(assembler.completeAll()).containsExactly(
                new ToolCall("call_a", "get_weather", object("{\"city\":\"Paris\"}")),
                new ToolCall("call_b", "get_time", object("{\"tz\":\"CET\"}")));
    }

    @Test
    void should_keep_the_first_id_and_name_when_later_fragments_repeat_or_change_them() {
        assembler.fragment(0, "call_first", null, "{}");
        assembler.fragment(0, "call_other", "lookup", null);
        assembler.fragment(0, "", "other_name", null);

        ToolCall call = assembler.complete(0).orElseThrow();

        assertThat(call.id()).isEqualTo("call_first");
        assertThat(call.name()).as("a later name fills in a missing one, never replaces it").isEqualTo("lookup");
    }

    @Test
    void should_generate_unique_ids_when_the_backend_sends_none() {
        assembler.fragment(0, null, "a", "{}");
        assembler.fragment(1, "", "b", "{}");
        assembler.fragment(2, "  ", "c", "{}");

        List<String> ids = assembler.completeAll().stream().map(ToolCall::id).toList();

        assertThat(ids).hasSize(3).doesNotHaveDuplicates().allMatch(id -> id.matches(GENERATED_ID));
    }

    @Test
    void should_generate_another_id_when_a_generated_one_was_already_seen() {
        Iterator<String> generated = List.of("call_taken", "call_taken", "call_free").iterator();
        ToolCallAssembler assembler = new ToolCallAssembler(mapper, generated::next);
        assembler.fragment(0, "call_taken", "a", "{}");
        assembler.fragment(1, null, "b", "{}");

        List<String> ids = assembler.completeAll().stream().map(ToolCall::id).toList();

        assertThat(ids).containsExactly("call_taken", "call_free");
    }

    @Test
    void should_replace_an_id_when_an_earlier_call_of_the_response_used_it() {
        assembler.fragment(0, "call_same", "a", "{}");
        assembler.fragment(1, "call_same", "b", "{}");

        List<ToolCall> calls = assembler.completeAll();

        assertThat(calls.get(0).id()).isEqualTo("call_same");
        assertThat(calls.get(1).id()).matches(GENERATED_ID);
    }

    @Test
    void should_keep_raw_arguments_when_they_are_not_valid_json() {
        assembler.fragment(0, "call_1", "search", "{\"q\": \"unterminated");

        ToolCall call = assembler.complete(0).orElseThrow();

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo("{\"q\": \"unterminated");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"str\"", "[1]", "null", "42", "true" })
    void should_keep_raw_arguments_when_they_are_json_but_not_an_object(String raw) {
        assembler.fragment(0, "call_1", "search", raw);

        ToolCall call = assembler.complete(0).orElseThrow();

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  \n" })
    void should_give_empty_arguments_without_raw_text_when_the_arguments_are_blank(String raw) {
        assembler.fragment(0, "call_1", "now", raw);

        ToolCall call = assembler.complete(0).orElseThrow();

        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata()).isEmpty();
    }

    @Test
    void should_give_empty_arguments_when_no_argument_fragment_came() {
        assembler.fragment(0, "call_1", "now", null);

        assertThat(assembler.complete(0)).contains(new ToolCall("call_1", "now", mapper.createObjectNode()));
    }

    @Test
    void should_complete_a_call_once_when_its_block_closes() {
        assembler.fragment(1, "toolu_1", "search", "");
        assembler.fragment(1, null, null, "{\"q\":");
        assembler.fragment(1, null, null, "\"x\"}");

        assertThat(assembler.complete(1)).contains(new ToolCall("toolu_1", "search", object("{\"q\":\"x\"}")));
        assertThat(assembler.complete(1)).isEmpty();
        assertThat(assembler.completeAll()).isEmpty();
    }

    @Test
    void should_ignore_fragments_for_a_call_already_completed() {
        assembler.fragment(0, "call_1", "search", "{}");
        assembler.complete(0);
        assembler.fragment(0, null, null, "{\"late\":true}");

        assertThat(assembler.complete(0)).isEmpty();
        assertThat(assembler.completeAll()).isEmpty();
    }

    @Test
    void should_complete_nothing_when_the_closed_block_held_no_call() {
        assembler.fragment(1, "toolu_1", "search", "{}");

        assertThat(assembler.complete(0)).isEmpty();
        assertThat(assembler.completeAll()).extracting(ToolCall::id).containsExactly("toolu_1");
    }

    @Test
    void should_complete_all_remaining_calls_in_index_order() {
        assembler.fragment(2, "call_c", "c", "{}");
        assembler.fragment(0, "call_a", "a", "{}");
        assembler.fragment(3, "call_d", "d", "{}");
        assembler.fragment(1, "call_b", "b", "{}");
        assembler.complete(3);

        assertThat(assembler.completeAll()).extracting(ToolCall::id).containsExactly("call_a", "call_b", "call_c");
    }

    @Test
    void should_report_whether_any_call_was_seen_in_the_response() {
        assertThat(assembler.isEmpty()).isTrue();
        assertThat(assembler.hasCalls()).isFalse();

        assembler.fragment(0, "call_1", "a", null);
        assertThat(assembler.hasCalls()).isTrue();

        assembler.completeAll();
        assertThat(assembler.hasCalls()).as("completed calls still count").isTrue();
        assertThat(assembler.isEmpty()).isFalse();
    }

    private ObjectNode object(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
