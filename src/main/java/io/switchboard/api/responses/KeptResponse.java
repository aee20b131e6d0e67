package io.switchboard.api.responses;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One response to be stored, as its request makes it: the conversation so far (the one it continues, then its
 * own input items, as JSON read with the request, each with an id: {@link InputItems#name}), then the Response object when the
 * answer ends. The stored
 * record is versioned, {@code {"version": 1, "input": [items], "response": {Response}}}: the conversation a
 * later request continues is its input items followed by the response's output items.
 */
final class KeptResponse {

    static final int VERSION = 1;

    private static final byte[] HEAD = ("{\"version\":" + VERSION + ",\"input\":").getBytes(StandardCharsets.UTF_8);
    private static final byte[] MIDDLE = ",\"response\":".getBytes(StandardCharsets.UTF_8);

    private final byte[] input;
    private byte[] response;
    private Function<String, Uni<Void>> keeper;

    /** {@code input}: the conversation's items, a JSON array. */
    KeptResponse(byte[] input) {
        this.input = input;
    }

    /** How the record is stored, for this request's owner: set before the answer starts. */
    void keepWith(Function<String, Uni<Void>> keeper) {
        this.keeper = keeper;
    }

    /** The storing of the record once the answer has ended (only once), else null. */
    Uni<Void> store() {
        String record = take();
        return record == null || keeper == null ? null : keeper.apply(record);
    }

    /** The answer has ended with this Response object. */
    void ended(byte[] response) {
        this.response = response;
    }

    /** The record to store once the answer has ended, else null; handed out once. */
    String take() {
        if (response == null) {
            return null;
        }
        byte[] record = new byte[HEAD.length + input.length + MIDDLE.length + response.length + 1];
        int at = copy(HEAD, record, 0);
        at = copy(input, record, at);
        at = copy(MIDDLE, record, at);
        at = copy(response, record, at);
        record[at] = '}';
        response = null;
        return new String(record, StandardCharsets.UTF_8);
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
