package io.switchboard.providers.openai;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.testsupport.FixtureFiles;

/** Reads the recorded upstream bodies copied into {@code src/test/resources/fixtures/}. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The body of {@code fixtures/<path>}, byte-exact, as UTF-8 text. */
    public static String read(String path) {
        return FixtureFiles.text(path);
    }

    /** One SSE frame carrying a chat completion chunk with this delta (JSON) and finish reason (or null). */
    public static String chunk(String deltaJson, String finishReason) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + deltaJson + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    /** One SSE frame with a text delta. */
    public static String content(String text) {
        return chunk("{\"content\":" + quote(text) + "}", null);
    }

    public static final String DONE = "data: [DONE]\n\n";

    /** A whole stream of {@code text} in deltas of {@code size} characters, then finish reason stop and [DONE]. */
    public static List<String> streamed(String text, int size) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            frames.add(content(text.substring(i, Math.min(text.length(), i + size))));
        }
        frames.add(chunk("{}", "stop"));
        frames.add(DONE);
        return frames;
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
