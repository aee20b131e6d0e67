package io.switchboard.stream;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The ways an upstream body may be cut into network reads: whole, in two at every byte position
 * (including the empty chunks at either end), and one byte per chunk. A decoder must give the same
 * result for all of them.
 */
final class Chunkings {

    private Chunkings() {
    }

    static Stream<Arguments> of(byte[] body) {
        Stream<Arguments> whole = Stream.of(argumentSet("whole", List.of(body)));
        Stream<Arguments> inTwo = IntStream.rangeClosed(0, body.length)
                .mapToObj(at -> argumentSet("split at byte " + at,
                        List.of(Arrays.copyOfRange(body, 0, at), Arrays.copyOfRange(body, at, body.length))));
        Stream<Arguments> byteByByte = Stream.of(argumentSet("one byte per chunk",
                IntStream.range(0, body.length).mapToObj(i -> new byte[] { body[i] }).toList()));
        return Stream.of(whole, inTwo, byteByByte).flatMap(s -> s);
    }
}
