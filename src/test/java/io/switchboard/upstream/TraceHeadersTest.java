package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The tracestate sent upstream, held to the W3C Trace Context limits (32 members, 512 characters). */
class TraceHeadersTest {

    /** A member {@code key=xxx…} of exactly {@code length} characters. */
    private static String member(String key, int length) {
        return key + "=" + "x".repeat(length - key.length() - 1);
    }

    @Test
    void should_send_a_tracestate_within_the_limits_as_it_is() {
        String tracestate = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
        assertThat(TraceHeaders.bounded(tracestate)).isSameAs(tracestate);
        String full = String.join(",", List.of(member("a", 128), member("b", 128), member("c", 128),
                member("d", 125)));
        assertThat(full).hasSize(512);
        assertThat(TraceHeaders.bounded(full)).isSameAs(full);
    }

    @Test
    void should_keep_the_first_32_members() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add("k" + i + "=v");
        }

        String bounded = TraceHeaders.bounded(String.join(",", members));

        assertThat(bounded).isEqualTo(String.join(",", members.subList(0, 32)));
    }

    @Test
    void should_remove_long_members_from_the_end_first_when_over_512_characters() {
        String tracestate = String.join(",", "congo=t61rcWkgMzE", member("long1", 200), "rojo=00f067aa0ba902b7",
                member("long2", 200), member("long3", 200), "last=1");

        String bounded = TraceHeaders.bounded(tracestate);

        assertThat(bounded).isEqualTo(String.join(",", "congo=t61rcWkgMzE", member("long1", 200),
                "rojo=00f067aa0ba902b7", member("long2", 200), "last=1"));
        assertThat(bounded.length()).isLessThanOrEqualTo(512);
    }

    @Test
    void should_remove_members_from_the_end_when_no_long_one_is_left() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            members.add(member("k" + i, 100));
        }

        String bounded = TraceHeaders.bounded(String.join(",", members));

        // five members of 100 characters and four commas: 504
        assertThat(bounded).isEqualTo(String.join(",", members.subList(0, 5)));
    }

    @Test
    void should_send_nothing_when_no_member_fits() {
        assertThat(TraceHeaders.bounded(member("huge", 513))).isEmpty();
    }
}
