package io.switchboard.stream;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event:} field, or {@code null} when the frame named none
 * @param data the {@code data:} lines joined with {@code \n}; empty when the frame had none
 */
public record SseFrame(String event, String data) {
}
