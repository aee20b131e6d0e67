package io.switchboard.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Request bodies and parameters an attacker or a broken client sends; reproducible from the seed. */
final class HostileBodies {

    static final String VALID = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],"
            + "\"temperature\":0.5,\"max_tokens\":16,\"metadata\":{\"k\":\"v\"}}";

    private static final List<String> FIELD_ABUSE = List.of(
            "{\"messages\":1}", "{\"messages\":\"x\"}", "{\"messages\":{}}", "{\"messages\":[1]}", "{\"messages\":[null]}",
            "{\"messages\":[{\"role\":5,\"content\":\"x\"}]}", "{\"messages\":[{\"role\":\"user\",\"content\":5}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":null}]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"url\":\"file:///etc/passwd\"}]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"url\":\"javascript:alert(1)\"}]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"url\":\"data:image/png;base64,@@@\"}]}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"result\":[[[[]]]]}]}]}",
            "{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "{\"messages\":[{\"role\":\"\",\"content\":\"x\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":1e309}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":-1}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1e20}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":9223372036854775808}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":-5}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"thinking_budget\":-1}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"a\\r\\nX-Evil: 1\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"\\u0000\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":42}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":null}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":\"t\",\"parameters\":7}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"reasoning_effort\":\"maximum\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}]}", "{\"messages\":[],\"messages\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} trailing", "[]", "null", "0", "\"str\"", "{}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":NaN}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":01}");

    private HostileBodies() {
    }

    static String next(Random random, int index) {
        return switch (index % 7) {
            case 0 -> randomBytes(random);
            case 1 -> VALID.substring(0, random.nextInt(VALID.length()));
            case 2 -> flipOne(random, VALID);
            case 3 -> FIELD_ABUSE.get(random.nextInt(FIELD_ABUSE.size()));
            case 4 -> {
                int depth = 500 + random.nextInt(4000);
                yield "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"x\":" + "[".repeat(depth)
                        + "]".repeat(depth) + "}}";
            }
            case 5 -> "{\"messages\":[{\"role\":\"" + "r".repeat(random.nextInt(100_000)) + "\",\"content\":\"x\"}]}";
            default -> VALID;
        };
    }

    private static final String[] MODELS = { "mock", "nope", "../mock", "mock/..", "mock/../../x", "mock\\u0000",
            "assistant", "", "x".repeat(300), "mock/m\\r\\nX: 1" };

    /**
     * A body for a compatible API ({@code /v1/chat/completions} or {@code /v1/messages}): the same kinds of damage
     * as {@link #next}, with a hostile or valid {@code model} and, every other time, {@code stream: true}.
     */
    static String nextDialect(Random random, int index, boolean anthropic) {
        String model = MODELS[random.nextInt(MODELS.length)];
        String head = "{\"model\":\"" + model + "\"," + (anthropic ? "\"max_tokens\":16," : "")
                + (index % 2 == 0 ? "\"stream\":true," : "");
        String native_ = next(random, index);
        // a native body is also a dialect body once it names a model: splice the head in after its first brace
        return native_.startsWith("{") && native_.length() > 2 ? head + native_.substring(1) : native_;
    }

    /** A query string with hostile provider and model values, URL-encoded as a client would send them. */
    static String query(Random random) {
        String[] providers = { null, "mock", "nope", "../mock", "mock\u0000", "assistant" };
        String[] models = { null, "..", "../../x", "a b", "m\r\nX: 1", "%2e%2e", "ok-model", "x".repeat(300) };
        String provider = providers[random.nextInt(providers.length)];
        String model = models[random.nextInt(models.length)];
        StringBuilder query = new StringBuilder();
        if (provider != null) {
            query.append("?provider=").append(URLEncoder.encode(provider, StandardCharsets.UTF_8));
        }
        if (model != null) {
            query.append(query.isEmpty() ? '?' : '&').append("model=").append(URLEncoder.encode(model, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String flipOne(Random random, String text) {
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
        return new String(chars);
    }
}
