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

class SseDecoderTest {

    private static final byte[] BODY = String.join("",
            // a comment-only block, as keep-alives are sent, dispatches nothing
            ": keep-alive\r\n",
            "\r\n",
            // named event with CRLF line ends and multi-byte UTF-8
            "event: message_start\r\n",
            "data: {\"text\":\"héllo 日本 🎉\"}\r\n",
            "\r\n",
            // only the one space after the colon belongs to the syntax
            "data:  {\"padded\":true}\n",
            "\n",
            // multi-line data, with id and retry ignored
            "data: line one\n",
            "id: 7\n",
            "retry: 1000\n",
            "data: line two\n",
            "\n",
            // \r\n\r\n separator and no space after the colon
            "data:{\"no_space\":1}\r\n\r\n",
            // an event with no data, and data with no colon at all
            "event: ping\n",
            "\n",
            "data\n",
            "\n",
            "\n",
            "data: [DONE]\n",
            "\n",
            // the last event never gets its blank line (nor its line break)
            "event: message_stop\n",
            "data: {\"type\":\"message_stop\"}").getBytes(StandardCharsets.UTF_8);

    private static final List<SseFrame> FRAMES = List.of(
            new SseFrame("message_start", "{\"text\":\"héllo 日本 🎉\"}"),
            new SseFrame(null, " {\"padded\":true}"),
            new SseFrame(null, "line one\nline two"),
            new SseFrame(null, "{\"no_space\":1}"),
            new SseFrame("ping", ""),
            new SseFrame(null, ""),
            new SseFrame(null, "[DONE]"),
            new SseFrame("message_stop", "{\"type\":\"message_stop\"}"));

    static Stream<Arguments> chunkings() {
        return Chunks.everyCut(BODY);
    }

    @ParameterizedTest
    @MethodSource("chunkings")
    void should_give_the_same_frames_when_the_body_is_cut_anywhere(List<byte[]> chunks) {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        chunks.forEach(chunk -> decoder.feed(Buffer.buffer(chunk), frames::add));
        decoder.finish(frames::add);

        assertThat(frames).containsExactlyElementsOf(FRAMES);
    }

    @Test
    void should_accept_byte_arrays_like_buffers() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(BODY, frames::add);
        decoder.finish(frames::add);

        assertThat(frames).containsExactlyElementsOf(FRAMES);
    }

    @Test
    void should_dispatch_a_frame_as_soon_as_its_blank_line_arrives() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(bytes("data: a\n"), frames::add);
        assertThat(frames).isEmpty();

        decoder.feed(bytes("\ndata: b"), frames::add);
        assertThat(frames).containsExactly(new SseFrame(null, "a"));
    }

    @Test
    void should_reset_the_event_name_after_each_frame() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(bytes("event: first\ndata: 1\n\ndata: 2\n\n"), frames::add);
        decoder.finish(frames::add);

        assertThat(frames).containsExactly(new SseFrame("first", "1"), new SseFrame(null, "2"));
    }

    @Test
    void should_join_any_number_of_data_lines_empty_ones_included() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(bytes("data: a\ndata:\ndata: c\n\ndata\ndata: x\n\ndata:\ndata:\n\ndata: one\n\n"), frames::add);
        decoder.finish(frames::add);

        assertThat(frames).containsExactly(new SseFrame(null, "a\n\nc"), new SseFrame(null, "\nx"),
                new SseFrame(null, "\n"), new SseFrame(null, "one"));
    }

    @Test
    void should_ignore_a_byte_order_mark_at_the_start_of_the_body() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(bytes("\uFEFFevent: e\ndata: x\n\n"), frames::add);
        decoder.finish(frames::add);

        assertThat(frames).containsExactly(new SseFrame("e", "x"));
    }

    @Test
    void should_emit_nothing_on_finish_when_the_last_frame_was_dispatched() {
        SseDecoder decoder = new SseDecoder();
        List<SseFrame> frames = new ArrayList<>();

        decoder.feed(bytes("data: x\n\n: bye\n"), frames::add);
        decoder.finish(frames::add);

        assertThat(frames).containsExactly(new SseFrame(null, "x"));
    }

    private static Buffer bytes(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
