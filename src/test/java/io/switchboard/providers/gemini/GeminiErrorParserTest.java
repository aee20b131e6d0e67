package io.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.upstream.UpstreamErrorParser.ParsedError;
import io.vertx.core.MultiMap;

class GeminiErrorParserTest {

    private final GeminiErrorParser parser = new GeminiErrorParser(new ObjectMapper());

    private ParsedError parse(int status, String fixture) {
        return parser.parse(status, MultiMap.caseInsensitiveMultiMap(), GeminiFixtures.read(fixture));
    }

    @Test
    void should_keep_the_status_and_error_info_reason_in_the_message() {
        ParsedError parsed = parse(400, "error-400-api-key-invalid.error.json");
        assertThat(parsed.message())
                .isEqualTo("API key not valid. Please pass a valid API key. (INVALID_ARGUMENT, API_KEY_INVALID)");
        assertThat(parsed.contextOverflow()).isNull();
    }

    @Test
    void should_pass_on_retry_info_rounded_up_to_whole_seconds() {
        assertThat(parse(429, "synthetic-error-429-retry-info.error.json").retryAfter()).isEqualTo("38");
        assertThat(parse(429, "error-429-resource-exhausted-stream-request.error.json").retryAfter()).isNull();
        assertThat(GeminiErrorParser.toRetryAfter("0.5s")).isEqualTo("1");
        assertThat(GeminiErrorParser.toRetryAfter("37s")).isEqualTo("37");
        assertThat(GeminiErrorParser.toRetryAfter("soon")).isNull();
    }

    @Test
    void should_flag_overflow_from_the_token_count_wording_of_invalid_argument() {
        assertThat(parse(400, "synthetic-error-400-token-count.error.json").contextOverflow()).isTrue();
        assertThat(parse(400, "synthetic-error-400-invalid-argument.error.json").contextOverflow()).isNull();
    }

    @Test
    void should_read_a_non_json_body_as_text() {
        assertThat(parser.parse(502, MultiMap.caseInsensitiveMultiMap(), "<html>Bad Gateway</html>").message())
                .isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void should_map_api_key_invalid_like_a_rejected_key() {
        ParsedError parsed = parse(400, "error-400-api-key-invalid.error.json");
        assertThat(parsed.credentialRejected()).isTrue();
        GatewayException configured = UpstreamErrors.fromStatus("gemini", 400, parsed.message(), null, null, false,
                parsed.credentialRejected());
        assertThat(configured.httpStatus()).isEqualTo(502);
        assertThat(configured.upstreamStatus()).isEqualTo(400);
        assertThat(configured.type()).isEqualTo(ErrorType.PROVIDER_ERROR);
        assertThat(configured.retryable()).isFalse();
        assertThat(UpstreamErrors.fromStatus("gemini", 400, parsed.message(), null, null, true, true).httpStatus())
                .isEqualTo(401);
        assertThat(parse(400, "synthetic-error-400-invalid-argument.error.json").credentialRejected()).isFalse();
    }
}
