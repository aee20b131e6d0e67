package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** A script that fails fails the test with its exit status and what it wrote to stderr. */
class NodeScriptTest {

    @Test
    void should_fail_the_test_with_the_scripts_exit_status_and_stderr() throws Exception {
        NodeScript node = NodeScript.against(URI.create("http://127.0.0.1:1/v1").toURL(), "unused");
        assertThatThrownBy(() -> node.run("openai-responses", "no-such-scenario")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("node openai-responses.mjs no-such-scenario exited with 2")
                .hasMessageContaining("unknown scenario \"no-such-scenario\"");
    }
}
