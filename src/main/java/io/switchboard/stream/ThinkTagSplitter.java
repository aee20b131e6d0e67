package io.switchboard.stream;

import java.util.List;

import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;

/**
 * Splits streamed text deltas into text and thinking, where thinking is written inline between
 * {@code <think>} and {@code </think>} tags, as the chunks arrive.
 * <p>
 * Rules: tags are exact and case-sensitive; a tag split across chunks is
 * recognised, and the characters that may start a tag are held back (never leaked as text) until
 * the next chunk shows whether they do; blocks do not nest (an open tag inside a block is
 * literal thinking); a close tag outside a block is literal text; an unclosed block is thinking;
 * whitespace inside a block is kept.
 * <p>
 * Options: {@code tagNames} (any of them opens a block, which only its own close tag
 * closes); {@code startsOpen} (the chat template opened the block in the prompt, so the parser
 * starts inside it and any configured close tag ends it); and the whitespace right after a close
 * tag is dropped, also when it arrives in later chunks, so the answer never starts with the
 * {@code \n\n} that separates it from the reasoning.
 * <p>
 * State: {@code pending} holds the characters not yet emitted, which between calls is only a
 * possible tag prefix; {@code searched} holds the tags that end the current block kind (every open
 * tag outside a block, the matching close tag inside one); {@code thinking} is the current kind;
 * {@code afterClose} is set by a close tag and cleared by the first non-whitespace text. One
 * instance per response; not thread-safe.
 */
public final class ThinkTagSplitter {

    /** Receives the segments in order. Never called with an empty string. */
    public interface Segments {

        void text(String s);

        void thinking(String s);
    }

    /** Segments as stream events ({@link TextDelta}, {@link ThinkingDelta}) appended to {@code out}. */
    public static Segments asEvents(List<StreamEvent> out) {
        return new Segments() {
            @Override
            public void text(String s) {
                out.add(new TextDelta(s));
            }

            @Override
            public void thinking(String s) {
                out.add(new ThinkingDelta(s));
            }
        };
    }

    /** The whole answer split once: {@code thinking} is {@code null} when there was none. */
    public record Split(String text, String thinking) {
    }

    private static final List<String> DEFAULT_TAG_NAMES = List.of("think");

    private final List<String> openTags;
    private final List<String> closeTags;
    private final StringBuilder pending = new StringBuilder();
    private List<String> searched;
    private boolean thinking;
    private boolean afterClose;

    /** A parser for {@code <think>} blocks, starting outside a block. */
    public ThinkTagSplitter() {
        this(DEFAULT_TAG_NAMES, false);
    }

    /**
     * @param tagNames the tag names that delimit thinking, e.g. {@code think}, {@code reasoning}
     * @param startsOpen whether the text starts inside a thinking block
     */
    public ThinkTagSplitter(List<String> tagNames, boolean startsOpen) {
        if (tagNames == null || tagNames.isEmpty()) {
            throw new IllegalArgumentException("tagNames: at least one tag name is required");
        }
        for (String name : tagNames) {
            // Without '<', '>' or spaces in names no tag can occur inside another, so the earliest match wins.
            if (name == null || name.isEmpty() || name.chars().anyMatch(ThinkTagSplitter::breaksTag)) {
                throw new IllegalArgumentException("tagNames: not a tag name: \"" + name + "\"");
            }
        }
        this.openTags = tagNames.stream().map(name -> "<" + name + ">").toList();
        this.closeTags = tagNames.stream().map(name -> "</" + name + ">").toList();
        this.thinking = startsOpen;
        // Started open, we cannot know which tag the prompt used, so any close tag ends the block.
        this.searched = startsOpen ? closeTags : openTags;
    }

    /** A splitter for a provider with think-tag parsing off: every segment is text, as it came. */
    static ThinkTagSplitter plain() {
        return new ThinkTagSplitter((Void) null);
    }

    private ThinkTagSplitter(Void plain) {
        this.openTags = List.of();
        this.closeTags = List.of();
        this.searched = List.of();
    }

    private static boolean breaksTag(int c) {
        return c == '<' || c == '>' || Character.isWhitespace(c);
    }

    /**
     * Splits a whole non-streamed answer with the same parser, so that {@code /v1/generate} and
     * {@code /v1/stream} give the same split. Thinking from several blocks is concatenated as
     * streamed, without a separator.
     */
    public static Split split(String whole, List<String> tagNames, boolean startsOpen) {
        if (!startsOpen && (whole == null || whole.indexOf('<') < 0)) {
            // every tag starts with '<': the whole answer is text, as the parser would find
            return new Split(whole == null ? "" : whole, null);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        new ThinkTagSplitter(tagNames, startsOpen).splitWhole(whole, collect(text, thinking));
        return new Split(text.toString(), thinking.isEmpty() ? null : thinking.toString());
    }

    /** Segments appended to two builders, for an answer assembled whole. */
    public static Segments collect(StringBuilder text, StringBuilder thinking) {
        return new Segments() {
            @Override
            public void text(String s) {
                text.append(s);
            }

            @Override
            public void thinking(String s) {
                thinking.append(s);
            }
        };
    }

    /** Feeds a whole answer and flushes: every segment goes to {@code out}. */
    public void splitWhole(String whole, Segments out) {
        feed(whole == null ? "" : whole, out);
        flush(out);
    }

    /** Emits the segments this chunk completes; a possible partial tag is held for the next. */
    public void feed(String chunk, Segments out) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        if (openTags.isEmpty()) {
            out.text(chunk);
            return;
        }
        if (pending.isEmpty() && chunk.indexOf('<') < 0) {
            // the common chunk: no tag and no part of one (every tag starts with '<'), so it goes out as it is
            emit(chunk, out);
            return;
        }
        pending.append(chunk);
        while (!pending.isEmpty()) {
            int at = -1;
            String tag = null;
            for (String candidate : searched) {
                int found = pending.indexOf(candidate);
                if (found >= 0 && (at < 0 || found < at)) {
                    at = found;
                    tag = candidate;
                }
            }
            if (at < 0) {
                emitAllBut(heldTagPrefixLength(), out);
                return;
            }
            emit(pending.substring(0, at), out);
            pending.delete(0, at + tag.length());
            switchKind(tag);
        }
    }

    /** Ends the stream: held characters were not a tag after all and go out as the current kind. */
    public void flush(Segments out) {
        emitAllBut(0, out);
    }

    /** Crosses {@code tag}: a close tag leaves the block, an open tag enters one closed only by its pair. */
    private void switchKind(String tag) {
        if (thinking) {
            thinking = false;
            afterClose = true;
            searched = openTags;
        } else {
            thinking = true;
            searched = List.of(closeTags.get(openTags.indexOf(tag)));
        }
    }

    /**
     * The length of the longest end of {@code pending} that starts one of the searched tags
     * (shorter than the tag, since a whole tag would have been found).
     */
    private int heldTagPrefixLength() {
        int longest = 0;
        for (String tag : searched) {
            int max = Math.min(tag.length() - 1, pending.length());
            for (int length = max; length > longest; length--) {
                if (endsWithPrefixOf(tag, length)) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }

    private boolean endsWithPrefixOf(String tag, int length) {
        int offset = pending.length() - length;
        for (int i = 0; i < length; i++) {
            if (pending.charAt(offset + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void emitAllBut(int held, Segments out) {
        int end = pending.length() - held;
        emit(pending.substring(0, end), out);
        pending.delete(0, end);
    }

    private void emit(String segment, Segments out) {
        if (thinking) {
            if (!segment.isEmpty()) {
                out.thinking(segment);
            }
            return;
        }
        if (afterClose) {
            // The answer must not start with the separator after the reasoning: the
            // whitespace separating a close tag from the answer is dropped, however it is chunked.
            segment = segment.stripLeading();
            afterClose = segment.isEmpty();
        }
        if (!segment.isEmpty()) {
            out.text(segment);
        }
    }
}
