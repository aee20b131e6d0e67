package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ToolCallIdsTest {

    @Test
    void should_generate_call_prefix_and_24_alphanumerics() {
        assertThat(IntStream.range(0, 1_000).mapToObj(i -> ToolCallIds.generate()))
                .allMatch(id -> id.matches("call_[A-Za-z0-9]{24}"))
                .doesNotHaveDuplicates();
    }
}
