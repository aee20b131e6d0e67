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

class LineDecoderTest {

    // CRLF and LF mixed, a lone \r inside a line, blank lines, multi-byte UTF-8 (2, 3 and 4 bytes)
    // and a last line without a line break.
    private static final byte[] BODY = ("first line\r\n"
            + "héllo 日本 🎉\n"
            + "\n"
            + "a\rb\r\n"
            + "\r\n"
            + "日本 last 🎉").getBytes(StandardCharsets.UTF_8);

    private static final List<String> LINES = List.of("first line", "héllo 日本 🎉", "", "a\rb", "", "日本 last 🎉");

    static Stream<Arguments> chunkings() {
        return Chunks.everyCut(BODY);
    }

    @ParameterizedTest
    @MethodSource("chunkings")
    void should_give_the_same_lines_when_the_body_is_cut_anywhere(List<byte[]> chunks) {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        chunks.forEach(chunk -> decoder.feed(Buffer.buffer(chunk), lines::add));
        decoder.finish(lines::add);

        assertThat(lines).containsExactlyElementsOf(LINES);
    }

    @Test
    void should_accept_byte_arrays_like_buffers() {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        for (byte b : BODY) {
            decoder.feed(new byte[] { b }, lines::add);
        }
        decoder.finish(lines::add);

        assertThat(lines).containsExactlyElementsOf(LINES);
    }

    @Test
    void should_emit_a_line_as_soon_as_its_line_break_arrives() {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        decoder.feed(bytes("one\ntw"), lines::add);
        assertThat(lines).containsExactly("one");

        decoder.feed(bytes("o\r"), lines::add);
        assertThat(lines).containsExactly("one");

        decoder.feed(bytes("\n"), lines::add);
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void should_emit_nothing_on_finish_when_the_body_ended_with_a_line_break() {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        decoder.feed(bytes("only\r\n"), lines::add);
        decoder.finish(lines::add);

        assertThat(lines).containsExactly("only");
    }

    @Test
    void should_strip_the_carriage_return_of_an_unterminated_last_line() {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        decoder.feed(bytes("last\r"), lines::add);
        decoder.finish(lines::add);

        assertThat(lines).containsExactly("last");
    }

    @Test
    void should_carry_a_line_longer_than_its_initial_buffer_across_many_chunks() {
        String longLine = "日本🎉x".repeat(5_000);
        byte[] body = (longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8);
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();

        Buffer whole = Buffer.buffer(body);
        for (int at = 0; at < body.length; at += 7) {
            decoder.feed(whole.slice(at, Math.min(at + 7, body.length)), lines::add);
        }
        decoder.finish(lines::add);

        assertThat(lines).containsExactly(longLine, "next");
    }

    private static Buffer bytes(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
