package io.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one rule for provider, route and model names, character by character. */
class NamesTest {

    @Test
    void should_pass_real_model_ids_of_every_backend() {
        for (String id : List.of("accounts/fireworks/models/llama-v3p1-405b-instruct",
                "meta-llama/Llama-3.1-8B-Instruct", "gemini-2.5-pro", "models/gemini-2.5-flash",
                "tunedModels/my-model-4711", "claude-sonnet-4-5@20250929", "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "gpt-4o-2024-08-06", "ft:gpt-4o-mini-2024-07-18:my-org:custom:abc123", "my-gpt4o_deployment.eu-2",
                "llama3.2:3b", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "Qwen/Qwen3-8B",
                "mistral-large-latest", "qwen3:0.6b", "模型-中文", "modèle-é")) {
            assertThat(Names.modelProblem(id)).as(id).isNull();
        }
        assertThat(Names.modelProblem("m".repeat(Names.MAX_MODEL_LENGTH))).isNull();
        assertThat(Names.modelProblem("emoji-\uD83D\uDE80")).isNull();
    }

    @Test
    void should_pass_provider_and_route_names() {
        for (String name : List.of("openai", "local-vllm", "azure_eu", "room.1", "n".repeat(Names.MAX_NAME_LENGTH))) {
            assertThat(Names.nameProblem(name)).as(name).isNull();
        }
    }

    @Test
    void should_name_the_character_that_could_end_or_fake_a_line_or_hide_text() {
        assertThat(Names.modelProblem("a\r\nX-Injected: 1")).isEqualTo("contains a control character (U+000D)");
        assertThat(Names.modelProblem("a\u0000")).isEqualTo("contains a control character (U+0000)");
        assertThat(Names.modelProblem("a\tb")).isEqualTo("contains a control character (U+0009)");
        assertThat(Names.modelProblem("a\u001Bb")).isEqualTo("contains a control character (U+001B)");
        assertThat(Names.modelProblem("a\u007Fb")).isEqualTo("contains a control character (U+007F)");
        assertThat(Names.modelProblem("a\u0085b")).isEqualTo("contains a control character (U+0085)");
        assertThat(Names.modelProblem("a\u009Bb")).isEqualTo("contains a control character (U+009B)");
        assertThat(Names.modelProblem("a\u2028b")).isEqualTo("contains a line or paragraph separator (U+2028)");
        assertThat(Names.modelProblem("a\u2029b")).isEqualTo("contains a line or paragraph separator (U+2029)");
        for (char c : new char[] { '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
                '\u2069', '\u200B', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u00AD', '\u061C' }) {
            assertThat(Names.modelProblem("gpt" + c + "4o"))
                    .isEqualTo("contains an invisible formatting character (U+%04X)".formatted((int) c));
        }
        // a tag character (U+E0041, "A" made invisible) comes as a surrogate pair
        assertThat(Names.modelProblem("gpt\uDB40\uDC41")).isEqualTo("contains an invisible formatting character (U+E0041)");
        assertThat(Names.modelProblem("gpt\uD800x")).isEqualTo("contains an unpaired surrogate (U+D800)");
        assertThat(Names.modelProblem("gpt\uDC00")).isEqualTo("contains an unpaired surrogate (U+DC00)");
        assertThat(Names.nameProblem("room\nforged")).isEqualTo("contains a control character (U+000A)");
    }

    @Test
    void should_bound_the_length() {
        assertThat(Names.modelProblem("m".repeat(Names.MAX_MODEL_LENGTH + 1))).isEqualTo("longer than 256 characters");
        assertThat(Names.nameProblem("n".repeat(Names.MAX_NAME_LENGTH + 1))).isEqualTo("longer than 64 characters");
        assertThat(Names.nameProblem("")).isEqualTo("must not be empty");
    }

    @Test
    void should_refuse_a_dot_segment_in_a_model() {
        for (String model : List.of(".", "..", "../x", "a/..", "a/./b", "a/../../b")) {
            assertThat(Names.modelProblem(model)).as(model).isEqualTo("a \".\" or \"..\" segment is not allowed");
        }
        for (String model : List.of("...", ".a", "a.", "a/.b/c", "llama3.2:3b", "a..b")) {
            assertThat(Names.modelProblem(model)).as(model).isNull();
        }
    }

    @Test
    void should_escape_refused_characters_and_cut_long_values_for_a_log_line() {
        assertThat(Names.printable("room\r\nforged", 64)).isEqualTo("room\\u000D\\u000Aforged");
        assertThat(Names.printable("a\u2028b\u202Ec\u0085", 64)).isEqualTo("a\\u2028b\\u202Ec\\u0085");
        assertThat(Names.printable("say \"hi\" \\ bye", 64)).isEqualTo("say \\\"hi\\\" \\\\ bye");
        assertThat(Names.printable("modèle-中文-\uD83D\uDE80", 64)).isEqualTo("modèle-中文-\uD83D\uDE80");
        assertThat(Names.printable("x\uD800", 64)).isEqualTo("x\\uD800");
        assertThat(Names.printable("m".repeat(10_000), 8)).isEqualTo("mmmmmmmm...(10000 characters)");
    }
}
