package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayKeysTest {

    @Test
    void should_refuse_a_blank_entry_naming_the_setting() {
        for (String keys : new String[] { " , ", " ", "a, ,b", "a,", ",a" }) {
            assertThatThrownBy(() -> BearerKeys.parse("switchboard.auth.api-keys", keys)).as(keys)
                    .hasMessageContaining("\t" + "switchboard.auth.api-keys: entry").hasMessageContaining("is blank");
        }
    }

    @Test
    void should_read_the_keys_stripped_and_nothing_when_unset() {
        assertThat(BearerKeys.parse("switchboard.auth.api-keys", " key-one , key-two")).hasSize(2)
                .anySatisfy(key -> assertThat(new String(key)).isEqualTo("key-one"));
        assertThat(BearerKeys.parse("switchboard.auth.api-keys", null)).isEmpty();
    }
}
