package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.switchboard.testsupport.Chunks;
import io.vertx.core.buffer.Buffer;

class NdjsonDecoderTest {

    private static final String FIRST = "{\"message\":{\"role\":\"assistant\",\"content\":\"héllo 日本 🎉\"},"
            + "\"done\":false}";
    private static final String SECOND = "{\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done\":false}";
    private static final String LAST = "{\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":12,\"eval_count\":3}";

    // blank and whitespace-only lines between objects, a CRLF line end, and no newline at the end
    private static final byte[] BODY = (FIRST + "\n\n  \t \r\n" + SECOND + "\r\n" + LAST).getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> chunkings() {
        return Chunks.everyCut(BODY);
    }

    @ParameterizedTest
    @MethodSource("chunkings")
    void should_give_the_same_json_texts_when_the_body_is_cut_anywhere(List<byte[]> chunks) {
        NdjsonDecoder decoder = new NdjsonDecoder();
        List<String> texts = new ArrayList<>();

        chunks.forEach(chunk -> decoder.feed(Buffer.buffer(chunk), texts::add));
        decoder.finish(texts::add);

        assertThat(texts).containsExactly(FIRST, SECOND, LAST);
    }

    @Test
    void should_accept_byte_arrays_like_buffers() {
        NdjsonDecoder decoder = new NdjsonDecoder();
        List<String> texts = new ArrayList<>();

        decoder.feed(BODY, texts::add);
        decoder.finish(texts::add);

        assertThat(texts).containsExactly(FIRST, SECOND, LAST);
    }

    @Test
    void should_emit_a_json_text_as_soon_as_its_line_ends() {
        NdjsonDecoder decoder = new NdjsonDecoder();
        List<String> texts = new ArrayList<>();

        decoder.feed(Buffer.buffer(FIRST + "\n" + SECOND.substring(0, 5)), texts::add);

        assertThat(texts).containsExactly(FIRST);
    }

    @Test
    void should_emit_nothing_on_finish_when_only_whitespace_is_left() {
        NdjsonDecoder decoder = new NdjsonDecoder();
        List<String> texts = new ArrayList<>();

        decoder.feed(Buffer.buffer(LAST + "\n   "), texts::add);
        decoder.finish(texts::add);

        assertThat(texts).containsExactly(LAST);
    }
}
