package io.switchboard.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String KEY = "k3y/with+special=chars";

    @Test
    void should_remove_a_secret_in_plain_url_encoded_and_base64_forms() {
        String url = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        assertThat(Redactor.redact("sent " + KEY + " and " + url, KEY)).isEqualTo("sent [redacted] and [redacted]");
        for (String prefix : List.of("", "a:", "ab:", "abc:", "user:", "someone-longer:")) {
            String basic = Base64.getEncoder().encodeToString((prefix + KEY).getBytes(StandardCharsets.UTF_8));
            String redacted = Redactor.redact("Authorization: Basic " + basic, KEY);
            assertThat(redacted).as(prefix).doesNotContain(basic).contains("[redacted]");
            // what is left of the encoding is at most the user part and two characters on each side
            assertThat(redacted.replace("Authorization: Basic ", "").replace("[redacted]", "").length())
                    .as(prefix).isLessThanOrEqualTo(Base64.getEncoder().encodeToString(prefix.getBytes()).length() + 4);
        }
    }

    @Test
    void should_redact_before_cutting_so_no_half_of_a_key_is_left() {
        String text = "x".repeat(495) + KEY;
        String redacted = Redactor.redact(text, KEY);
        assertThat(redacted).doesNotContain("k3y/").hasSizeLessThanOrEqualTo(Redactor.MAX_LENGTH + 1);
        assertThat(Redactor.redact("y".repeat(100_000), KEY)).hasSize(Redactor.MAX_LENGTH + 1);
    }

    @Test
    void should_remove_provider_key_shapes_and_skip_tiny_or_null_secrets() {
        assertThat(Redactor.redact("key sk-proj-abcdef123 and AIzaSyA1234567890 bearer abcdefgh1234", (String) null))
                .doesNotContain("sk-proj").doesNotContain("AIza").doesNotContain("abcdefgh1234");
        assertThat(Redactor.redact("the abc value", "abc")).isEqualTo("the abc value");
        assertThat(Redactor.redact(null, KEY)).isNull();
    }
}
