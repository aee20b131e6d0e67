package io.switchboard.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one status/retryable table: the same statuses retryable for every provider; overflow by code, then phrase. */
class UpstreamErrorsTest {

    @ParameterizedTest(name = "upstream {0}, per-request key {1} -> {2}, retryable {3}")
    @CsvSource({
            "400, false, 400, false", "404, false, 404, false", "413, false, 413, false", "422, false, 422, false",
            "429, false, 429, true", "401, false, 502, false", "403, false, 502, false", "401, true, 401, false",
            "403, true, 403, false", "408, false, 504, true", "500, false, 502, true", "502, false, 502, true",
            "503, false, 502, true", "504, false, 504, true", "529, false, 502, true", "409, false, 502, false" })
    void should_map_upstream_status_to_gateway_status_and_retryability(int upstream, boolean perRequestKey, int status,
            boolean retryable) {
        GatewayException error = UpstreamErrors.fromStatus("p", upstream, "m", null, "5", perRequestKey);
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_ERROR);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.upstreamStatus()).isEqualTo(upstream);
        assertThat(error.retryAfter()).isEqualTo(upstream == 429 || upstream == 503 ? "5" : null);
    }

    @ParameterizedTest(name = "stated {0}, code {1}, type {2} -> {3}, retryable {4}, status_code {5}")
    @CsvSource(nullValues = "-", value = {
            "-,   rate_limit_exceeded, tokens,                429, true,  -",
            "-,   -,                   rate_limit_error,      429, true,  -",
            "-,   RESOURCE_EXHAUSTED,  -,                     429, true,  -",
            "-,   -,                   overloaded_error,      502, true,  -",
            "-,   -,                   invalid_request_error, 400, false, -",
            "-,   invalid_api_key,     -,                     502, false, -",
            "-,   model_not_found,     -,                     404, false, -",
            "-,   1300,                service_unavailable,   502, true,  -",
            "-,   tool_use_failed,     -,                     502, true,  -",
            "-,   -,                   -,                     502, true,  -",
            "400, tool_use_failed,     invalid_request_error, 400, false, 400",
            "503, -,                   -,                     502, true,  503",
            "99,  rate_limit_exceeded, -,                     429, true,  -" })
    void should_classify_an_in_stream_error_by_its_stated_status_else_code_else_type(Integer stated, String code,
            String type, int status, boolean retryable, Integer statusCode) {
        GatewayException error = UpstreamErrors.fromStreamError("p", stated, code, type, "m", null, false);
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_ERROR);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.upstreamStatus()).isEqualTo(statusCode);
        assertThat(error.getMessage()).isEqualTo("p reported an error in the stream: m");
    }

    @ParameterizedTest(name = "stated {0}, type {1} -> overloaded {2}")
    @CsvSource(nullValues = "-", value = { "-, overloaded_error, true", "529, -, true", "503, -, true",
            "-, api_error, false", "-, rate_limit_error, false" })
    void should_mark_an_overload_also_when_no_status_said_so(Integer stated, String type, boolean overloaded) {
        GatewayException error = UpstreamErrors.fromStreamError("p", stated, null, type, "m", null, false);
        assertThat(error.overloaded()).isEqualTo(overloaded);
        assertThat(error.withMessage("scrubbed").overloaded()).isEqualTo(overloaded);
        assertThat(UpstreamErrors.fromStatus("p", 529, "m", null, null, false).overloaded()).isTrue();
        assertThat(UpstreamErrors.fromStatus("p", 500, "m", null, null, false).overloaded()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "This model's maximum context length is 8192 tokens | true",
            "prompt is too long: 210000 tokens > 200000 maximum | true",
            "The input token count exceeds the model's token limit | true",
            "Request too large for gpt-4o on tokens per min | false",
            "Rate limit reached | false" })
    void should_decide_overflow_by_the_phrase_list_when_no_code_decided(String message, boolean overflow) {
        assertThat(UpstreamErrors.fromStatus("p", 400, message, null, null, false).contextOverflow()).isEqualTo(overflow);
    }

    @Test
    void should_believe_a_structural_overflow_flag_over_the_phrases() {
        assertThat(UpstreamErrors.fromStatus("p", 400, "nothing about size", true, null, false).contextOverflow()).isTrue();
        assertThat(UpstreamErrors.fromStatus("p", 400, "maximum context length", false, null, false).contextOverflow())
                .isFalse();
    }

    @Test
    void should_map_a_rejected_credential_under_another_status_like_a_401() {
        GatewayException configured = UpstreamErrors.fromStatus("p", 400, "API key not valid", null, null, false, true);
        assertThat(configured.httpStatus()).isEqualTo(502);
        assertThat(configured.upstreamStatus()).isEqualTo(400);
        assertThat(UpstreamErrors.fromStatus("p", 400, "API key not valid", null, null, true, true).httpStatus())
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "upstream {0}, per-request key {1} -> the caller's key's failure: {2}")
    @CsvSource({ "429, true, true", "401, true, true", "403, true, true", "429, false, false", "401, false, false",
            "500, true, false", "503, true, false", "529, true, false", "400, true, false", "402, true, false" })
    void should_mark_a_refused_or_rate_limited_per_request_key_as_the_callers(int upstream, boolean perRequestKey,
            boolean callers) {
        GatewayException error = UpstreamErrors.fromStatus("p", upstream, "m", null, "5", perRequestKey);
        assertThat(error.callerKeyFailure()).isEqualTo(callers);
        assertThat(error.withMessage("scrubbed").callerKeyFailure()).isEqualTo(callers);
    }

    @Test
    void should_mark_the_callers_key_also_when_refused_in_a_stream_or_under_another_status() {
        assertThat(UpstreamErrors.fromStreamError("p", null, null, "rate_limit_error", "m", null, true)
                .callerKeyFailure()).isTrue();
        assertThat(UpstreamErrors.fromStreamError("p", null, "invalid_api_key", null, "m", null, true)
                .callerKeyFailure()).isTrue();
        assertThat(UpstreamErrors.fromStatus("p", 400, "API key not valid", null, null, true, true).callerKeyFailure())
                .isTrue();
        // the client may still retry its own 429 later: the body says so
        GatewayException limited = UpstreamErrors.fromStatus("p", 429, "m", null, "5", true);
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo("5");
    }

    @Test
    void should_map_connection_failures_and_timeouts_as_retryable() {
        GatewayException refused = UpstreamErrors.fromFailure("p", new ConnectException("Connection refused"));
        assertThat(refused.type()).isEqualTo(ErrorType.PROVIDER_UNAVAILABLE);
        assertThat(refused.httpStatus()).isEqualTo(502);
        assertThat(refused.retryable()).isTrue();
        GatewayException timeout = UpstreamErrors.fromFailure("p", new TimeoutException("no answer"));
        assertThat(timeout.type()).isEqualTo(ErrorType.PROVIDER_TIMEOUT);
        assertThat(timeout.httpStatus()).isEqualTo(504);
        assertThat(timeout.retryable()).isTrue();
        assertThat(UpstreamErrors.streamCut("p").retryable()).isTrue();
    }

    @Test
    void should_leave_key_shapes_to_the_one_redaction_place() {
        GatewayException error = UpstreamErrors.fromStatus("openai", 401,
                "Incorrect API key provided: sk-proj-****************Ab12. You can find your API key at …", null, null,
                false);
        // the Gateway passes every provider error through the Redactor before it leaves
        assertThat(Redactor.redact(error.getMessage(), java.util.List.of())).doesNotContain("sk-proj")
                .contains("[redacted]");
    }
}
