package io.switchboard.stream;

import java.util.List;

/**
 * A provider's {@code think-tags} options: the tag names that delimit inline thinking (none when
 * parsing is off) and whether the text starts inside a block. One value for the stream (a fresh {@link ThinkTagSplitter} per
 * response) and for a whole answer ({@link #split}), so both endpoints split the same way.
 */
public record ThinkTags(List<String> names, boolean startsOpen) {

    /** Think-tag parsing off: no names, so every segment is text. */
    public static final ThinkTags OFF = new ThinkTags(List.of(), false);

    public ThinkTags {
        names = List.copyOf(names);
    }

    /** A splitter for one streamed response (one that passes text through when parsing is off). */
    public ThinkTagSplitter newSplitter() {
        return names.isEmpty() ? ThinkTagSplitter.plain() : new ThinkTagSplitter(names, startsOpen);
    }

    /** A whole non-streamed answer split into {@code out}. */
    public void split(String whole, ThinkTagSplitter.Segments out) {
        newSplitter().splitWhole(whole, out);
    }

    /** A whole non-streamed answer split once. */
    public ThinkTagSplitter.Split split(String whole) {
        return names.isEmpty() ? new ThinkTagSplitter.Split(whole == null ? "" : whole, null)
                : ThinkTagSplitter.split(whole, names, startsOpen);
    }
}
