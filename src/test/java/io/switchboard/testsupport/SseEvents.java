package io.switchboard.testsupport;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/**
 * Reads a whole {@code text/event-stream} body the way an SSE client would (independently of the
 * gateway's own decoder): frames end at a blank line; {@code event:} and {@code data:} fields;
 * comment lines start with a colon.
 */
public final class SseEvents {

    /** Jackson reads the deltas: far faster than a JsonPath per event on streams of hundreds of deltas. */
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Event(String event, String data) {
        public JsonPath json() {
            return JsonPath.from(data);
        }

        public String type() {
            return json().getString("type");
        }
    }

    private SseEvents() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            StringBuilder data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith(":") || line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (data != null) {
                events.add(new Event(event, data.toString()));
            }
        }
        return events;
    }

    /** The concatenated {@code text} of all text deltas. */
    public static String text(List<Event> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "text_delta".equals(e.event())).forEach(e -> text.append(field(e, "text")));
        return text.toString();
    }

    /** The concatenated {@code thinking} of all thinking deltas. */
    public static String thinking(List<Event> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "thinking_delta".equals(e.event()))
                .forEach(e -> text.append(field(e, "thinking")));
        return text.toString();
    }

    private static String field(Event event, String name) {
        try {
            return JSON.readTree(event.data()).path(name).asText(null);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }

    public static List<String> types(List<Event> events) {
        return events.stream().map(Event::event).toList();
    }
}
