package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.switchboard.stream.ThinkTagSplitter.Split;

class ThinkTagSplitterTest {

    private static final List<String> THINK = List.of("think");

    enum Kind {
        TEXT,
        THINKING
    }

    record Segment(Kind kind, String s) {
    }

    /** One row of the splitter's table: the segments expected after each chunk, then after flush. */
    record Row(List<String> chunks, List<List<Segment>> afterEachChunk, List<Segment> afterFlush) {

        String whole() {
            return String.join("", chunks);
        }
    }

    /** A whole input and the options to parse it with. */
    record Case(List<String> tagNames, boolean startsOpen, String input) {
    }

    /** Records segments in order; {@link #take()} returns those since the last take. */
    static final class Recorder implements ThinkTagSplitter.Segments {

        private final List<Segment> segments = new ArrayList<>();

        @Override
        public void text(String s) {
            segments.add(new Segment(Kind.TEXT, s));
        }

        @Override
        public void thinking(String s) {
            segments.add(new Segment(Kind.THINKING, s));
        }

        List<Segment> take() {
            List<Segment> taken = List.copyOf(segments);
            segments.clear();
            return taken;
        }
    }

    // ---------------------------------------------------------------- the table, row by row

    /**
     * Every row of the streaming parser's table. Two rows show that the whitespace right after a
     * close tag is dropped:
     * {@code Hello <think>x</think> world} gives text {@code world}, not {@code " world"}, and the
     * "no whitespace trimming" row gives text {@code answer}, not {@code "\n\nanswer"}. Their
     * display names say so.
     */
    static Stream<Arguments> referenceTable() {
        return Stream.of(
                argumentSet("hello world",
                        whole("hello world", text("hello world"))),
                argumentSet("<think>reasoning</think>answer",
                        whole("<think>reasoning</think>answer", thinking("reasoning"), text("answer"))),
                argumentSet("<thi / nk>reason / </think>ans",
                        new Row(List.of("<thi", "nk>reason", "</think>ans"),
                                List.of(List.of(), List.of(thinking("reason")), List.of(text("ans"))),
                                List.of())),
                argumentSet("<think>ok</th / ink>done",
                        new Row(List.of("<think>ok</th", "ink>done"),
                                List.of(List.of(thinking("ok")), List.of(text("done"))),
                                List.of())),
                argumentSet("<think></think>answer: an empty block emits nothing",
                        whole("<think></think>answer", text("answer"))),
                argumentSet("<think>just thinking + flush: an unclosed block is thinking",
                        whole("<think>just thinking", thinking("just thinking"))),
                argumentSet("<think>abc</think>xyz one character at a time: tag characters held, never leaked",
                        oneCharacterAtATime()),
                argumentSet("Hello <think>x</think> world (the space after </think> is dropped)",
                        whole("Hello <think>x</think> world", text("Hello "), thinking("x"), text("world"))),
                argumentSet("<think>a</think>b<think>c</think>d: multiple blocks",
                        whole("<think>a</think>b<think>c</think>d", thinking("a"), text("b"), thinking("c"), text("d"))),
                argumentSet("<think>\\n  reason \\n</think>\\n\\nanswer (whitespace inside kept,"
                        + " whitespace after </think> dropped)",
                        whole("<think>\n  reason \n</think>\n\nanswer", thinking("\n  reason \n"), text("answer"))),
                argumentSet("answer < + flush: a held partial tag is released at the end",
                        new Row(List.of("answer <"), List.of(List.of(text("answer "))), List.of(text("<")))),
                argumentSet("answer <thin + flush",
                        new Row(List.of("answer <thin"), List.of(List.of(text("answer "))), List.of(text("<thin")))),
                argumentSet("<thi / s is text: a false alarm is released with the next chunk",
                        new Row(List.of("<thi", "s is text"),
                                List.of(List.of(), List.of(text("<this is text"))),
                                List.of())),
                argumentSet("a < b / ' and <x': a '<' not followed by a tag prefix is not held",
                        new Row(List.of("a < b", " and <x"),
                                List.of(List.of(text("a < b")), List.of(text(" and <x"))),
                                List.of())),
                argumentSet("a</think>b never opened: a stray close tag is literal text",
                        whole("a</think>b", text("a</think>b"))),
                argumentSet("<think>a<think>b</think>c: no nesting",
                        whole("<think>a<think>b</think>c", thinking("a<think>b"), text("c"))),
                argumentSet("<THINK>a</THINK>: tags are case-sensitive",
                        whole("<THINK>a</THINK>", text("<THINK>a</THINK>"))),
                argumentSet("<think>abc</thi + flush: a held partial close tag is flushed as thinking",
                        new Row(List.of("<think>abc</thi"), List.of(List.of(thinking("abc"))), List.of(thinking("</thi")))),
                argumentSet("<think> alone + flush: nothing at all",
                        whole("<think>")),
                argumentSet("empty chunks produce nothing",
                        new Row(List.of("", ""), List.of(List.of(), List.of()), List.of())));
    }

    @ParameterizedTest
    @MethodSource("referenceTable")
    void should_emit_the_segments_of_the_reference_table(Row row) {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        Recorder out = new Recorder();

        for (int i = 0; i < row.chunks().size(); i++) {
            splitter.feed(row.chunks().get(i), out);
            assertThat(out.take()).as("after chunk %d %s", i, row.chunks().get(i)).isEqualTo(row.afterEachChunk().get(i));
        }
        splitter.flush(out);

        assertThat(out.take()).as("after flush").isEqualTo(row.afterFlush());
    }

    // ---------------------------------------------------------------- any chunking gives the same split

    static Stream<Arguments> wholeInputs() {
        Stream<Arguments> table = referenceTable()
                .map(arguments -> ((Row) arguments.get()[0]).whole())
                .map(input -> argumentSet("table row '" + input.replace("\n", "\\n") + "'", new Case(THINK, false, input)));
        Stream<Arguments> more = Stream.of(
                argumentSet("whitespace between blocks",
                        new Case(THINK, false, "<think>a</think>\n \n<think>b</think>\t c \n")),
                argumentSet("only whitespace after the close tag",
                        new Case(THINK, false, "x<think>a</think>\n \n")),
                argumentSet("broken tags inside and outside a block",
                        new Case(THINK, false, "x<thinkx<think>y</thin</think>z<")),
                argumentSet("tag name thinking",
                        new Case(List.of("thinking"), false, "<think><thinking>plan</thinking>\n answer")),
                argumentSet("two tag names",
                        new Case(List.of("think", "reasoning"), false,
                                "<reasoning>r</think></reasoning>a<think>b</reasoning></think> c<reas")),
                argumentSet("starts open",
                        new Case(THINK, true, "reason</think>\n\nanswer <think>more</think>")),
                argumentSet("starts open with two tag names",
                        new Case(List.of("think", "reasoning"), true, "r</reasoning>a <think>b</think>")));
        return Stream.concat(table, more);
    }

    @ParameterizedTest
    @MethodSource("wholeInputs")
    void should_split_the_same_when_fed_one_character_at_a_time(Case c) {
        List<String> characters = c.input().chars().mapToObj(ch -> String.valueOf((char) ch)).toList();

        assertThat(coalesce(run(c, characters))).isEqualTo(coalesce(run(c, List.of(c.input()))));
    }

    @ParameterizedTest
    @MethodSource("wholeInputs")
    void should_split_the_same_when_cut_in_two_at_any_position(Case c) {
        List<Segment> whole = coalesce(run(c, List.of(c.input())));

        for (int at = 0; at <= c.input().length(); at++) {
            List<String> halves = List.of(c.input().substring(0, at), c.input().substring(at));
            assertThat(coalesce(run(c, halves))).as("cut at %d", at).isEqualTo(whole);
        }
    }

    // ---------------------------------------------------------------- tag names, starts-open

    @Test
    void should_use_the_configured_tag_name_when_it_is_not_think() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(List.of("thinking"), false);
        Recorder out = new Recorder();

        splitter.feed("<think>x</think><thinking>plan</thinking>answer", out);
        splitter.flush(out);

        assertThat(out.take()).containsExactly(text("<think>x</think>"), thinking("plan"), text("answer"));
    }

    @Test
    void should_close_a_block_only_with_the_close_tag_of_the_name_that_opened_it() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(List.of("think", "reasoning"), false);
        Recorder out = new Recorder();

        splitter.feed("<reasoning>a</think>b</reasoning>c<think>d</think>e", out);
        splitter.flush(out);

        assertThat(out.take()).containsExactly(
                thinking("a</think>b"), text("c"), thinking("d"), text("e"));
    }

    @Test
    void should_hold_back_a_partial_tag_of_any_configured_name() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(List.of("think", "reasoning"), false);
        Recorder out = new Recorder();

        splitter.feed("x<reas", out);
        assertThat(out.take()).containsExactly(text("x"));
        splitter.feed("oning>y</rea", out);
        assertThat(out.take()).containsExactly(thinking("y"));
        splitter.feed("soning>z<th", out);
        assertThat(out.take()).containsExactly(text("z"));
        splitter.feed("ink>w", out);
        assertThat(out.take()).containsExactly(thinking("w"));
    }

    @Test
    void should_start_inside_a_block_when_configured_to_start_open() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(THINK, true);
        Recorder out = new Recorder();

        splitter.feed("rea", out);
        assertThat(out.take()).containsExactly(thinking("rea"));
        splitter.feed("son</th", out);
        assertThat(out.take()).containsExactly(thinking("son"));
        splitter.feed("ink>\n\nans", out);
        assertThat(out.take()).containsExactly(text("ans"));
        splitter.feed("wer", out);
        splitter.flush(out);
        assertThat(out.take()).containsExactly(text("wer"));
    }

    @Test
    void should_close_a_started_open_block_with_any_configured_close_tag() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(List.of("think", "reasoning"), true);
        Recorder out = new Recorder();

        splitter.feed("r</reasoning>a", out);
        splitter.flush(out);

        assertThat(out.take()).containsExactly(thinking("r"), text("a"));
    }

    @Test
    void should_emit_only_thinking_when_started_open_and_never_closed() {
        ThinkTagSplitter splitter = new ThinkTagSplitter(THINK, true);
        Recorder out = new Recorder();

        splitter.feed("all reasoning </thi", out);
        splitter.flush(out);

        assertThat(out.take()).containsExactly(thinking("all reasoning "), thinking("</thi"));
    }

    @Test
    void should_drop_whitespace_after_a_close_tag_when_it_arrives_in_later_chunks() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        Recorder out = new Recorder();

        splitter.feed("<think>r</think>", out);
        assertThat(out.take()).containsExactly(thinking("r"));
        splitter.feed("\n", out);
        splitter.feed(" \r\n", out);
        assertThat(out.take()).isEmpty();
        splitter.feed("\t answer \n", out);
        assertThat(out.take()).containsExactly(text("answer \n"));
        splitter.feed(" more", out);
        assertThat(out.take()).as("only the whitespace right after the tag is dropped").containsExactly(text(" more"));
    }

    @Test
    void should_keep_whitespace_before_an_open_tag_and_inside_a_block() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        Recorder out = new Recorder();

        splitter.feed("  <think> a </think>", out);
        splitter.flush(out);

        assertThat(out.take()).containsExactly(text("  "), thinking(" a "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a>b", "<think>", "two words" })
    void should_reject_a_tag_name_that_cannot_form_a_tag(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ThinkTagSplitter(List.of(name), false))
                .withMessageStartingWith("tagNames:");
    }

    @Test
    void should_reject_an_empty_list_of_tag_names() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ThinkTagSplitter(List.of(), false))
                .withMessageStartingWith("tagNames:");
    }

    // ---------------------------------------------------------------- split(...) for whole answers

    static Stream<Arguments> nonStreamingCasesThatAgree() {
        return Stream.of(
                argumentSet("plain response", "plain response", new Split("plain response", null)),
                argumentSet("one block", "<think>Let me think</think>The answer is 42.",
                        new Split("The answer is 42.", "Let me think")),
                argumentSet("multi-line thinking keeps its newline", "<think>Step 1\nStep 2</think>The answer",
                        new Split("The answer", "Step 1\nStep 2")),
                argumentSet("empty block", "<think></think>answer", new Split("answer", null)),
                argumentSet("no text after the block", "<think>a</think>", new Split("", "a")));
    }

    @ParameterizedTest
    @MethodSource("nonStreamingCasesThatAgree")
    void should_split_like_the_non_streaming_reference_when_the_rules_agree(String whole, Split expected) {
        assertThat(ThinkTagSplitter.split(whole, THINK, false)).isEqualTo(expected);
    }

    /**
     * A regex extraction of whole answers would differ from the streaming parser; Switchboard runs the
     * streaming parser for both endpoints, so both give the same split in these cases.
     */
    static Stream<Arguments> nonStreamingCasesThatDifferOnPurpose() {
        return Stream.of(
                argumentSet("whitespace-only thinking is kept (reference: thinking null)",
                        "<think>  \n  </think>answer", new Split("answer", "  \n  ")),
                argumentSet("whitespace inside is kept, after the close tag dropped (reference: trims both)",
                        "<think>\n reason \n</think>\n\nanswer", new Split("answer", "\n reason \n")),
                argumentSet("whitespace after the close tag is dropped (reference: 'Hello  world', two spaces)",
                        "Hello <think>x</think> world", new Split("Hello world", "x")),
                argumentSet("blocks are joined as streamed, without separator (reference: 'a\\nc')",
                        "<think>a</think>b<think>c</think>d", new Split("bd", "ac")),
                argumentSet("an unclosed block is thinking (reference: left in the content)",
                        "<think>unclosed", new Split("", "unclosed")),
                argumentSet("the end of the answer is not trimmed (reference: trims it)",
                        "<think>a</think>answer  \n", new Split("answer  \n", "a")));
    }

    @ParameterizedTest
    @MethodSource("nonStreamingCasesThatDifferOnPurpose")
    void should_split_like_the_stream_when_the_non_streaming_reference_differs(String whole, Split expected) {
        assertThat(ThinkTagSplitter.split(whole, THINK, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("wholeInputs")
    void should_split_a_whole_answer_as_the_stream_does(Case c) {
        List<Segment> streamed = run(c, List.of(c.input()));
        String text = joined(streamed, Kind.TEXT);
        String thinking = joined(streamed, Kind.THINKING);

        assertThat(ThinkTagSplitter.split(c.input(), c.tagNames(), c.startsOpen()))
                .isEqualTo(new Split(text, thinking.isEmpty() ? null : thinking));
    }

    @Test
    void should_split_with_the_configured_options() {
        assertThat(ThinkTagSplitter.split("reason</think>\n\nanswer", THINK, true))
                .isEqualTo(new Split("answer", "reason"));
        assertThat(ThinkTagSplitter.split("<reasoning>r</reasoning>a", List.of("think", "reasoning"), false))
                .isEqualTo(new Split("a", "r"));
    }

    // ---------------------------------------------------------------- fixtures

    private static Segment text(String s) {
        return new Segment(Kind.TEXT, s);
    }

    private static Segment thinking(String s) {
        return new Segment(Kind.THINKING, s);
    }

    /** A one-chunk row whose flush emits nothing. */
    private static Row whole(String input, Segment... afterFeed) {
        return new Row(List.of(input), List.of(List.of(afterFeed)), List.of());
    }

    private static Row oneCharacterAtATime() {
        List<String> chunks = new ArrayList<>();
        List<List<Segment>> expected = new ArrayList<>();
        for (String part : List.of("<think>", "abc", "</think>", "xyz")) {
            for (char ch : part.toCharArray()) {
                String s = String.valueOf(ch);
                chunks.add(s);
                expected.add(switch (part) {
                    case "abc" -> List.of(thinking(s));
                    case "xyz" -> List.of(text(s));
                    default -> List.of();
                });
            }
        }
        return new Row(chunks, expected, List.of());
    }

    private static List<Segment> run(Case c, List<String> chunks) {
        ThinkTagSplitter splitter = new ThinkTagSplitter(c.tagNames(), c.startsOpen());
        Recorder out = new Recorder();
        chunks.forEach(chunk -> splitter.feed(chunk, out));
        splitter.flush(out);
        return out.take();
    }

    /** Merges adjacent segments of the same kind, since chunking may cut a segment in pieces. */
    private static List<Segment> coalesce(List<Segment> segments) {
        List<Segment> merged = new ArrayList<>();
        for (Segment segment : segments) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).kind() == segment.kind()) {
                merged.set(last, new Segment(segment.kind(), merged.get(last).s() + segment.s()));
            } else {
                merged.add(segment);
            }
        }
        return merged;
    }

    private static String joined(List<Segment> segments, Kind kind) {
        return segments.stream().filter(s -> s.kind() == kind).map(Segment::s).collect(Collectors.joining());
    }
}
