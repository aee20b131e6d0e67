package io.switchboard.providers.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Where vLLM's tokenizer is: the base URL without the OpenAI API's {@code /v1}, whatever comes before it. */
class VllmServerRootTest {

    @Test
    void should_find_the_tokenizer_outside_the_v1_prefix() {
        assertThat(VllmProvider.serverRoot(URI.create("http://localhost:8000/v1")))
                .isEqualTo(URI.create("http://localhost:8000"));
        assertThat(VllmProvider.serverRoot(URI.create("https://gpu.example.com/qwen/v1")))
                .isEqualTo(URI.create("https://gpu.example.com/qwen"));
    }

    @Test
    void should_keep_a_base_url_without_the_v1_prefix() {
        assertThat(VllmProvider.serverRoot(URI.create("http://localhost:8000")))
                .isEqualTo(URI.create("http://localhost:8000"));
        assertThat(VllmProvider.serverRoot(URI.create("http://localhost:8000/v1beta")))
                .isEqualTo(URI.create("http://localhost:8000/v1beta"));
    }
}
