package io.switchboard.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Validates the requests the gateway sent to a fake upstream against the provider's published
 * OpenAPI document (a pruned copy in {@code src/test/resources/upstream-specs/}, made by
 * {@code tools/prune-spec.py}). Each document is loaded once per test run.
 */
public final class UpstreamSpec {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private UpstreamSpec() {
    }

    /**
     * Asserts that the request is valid for {@code spec} (openai, openai-responses, anthropic, gemini, mistral, ollama),
     * at {@code specPath} (the path as the spec names it, e.g. {@code /v1/chat/completions}).
     * additionalProperties findings are ignored for allOf-based specs (OpenAI, Mistral), as the
     * validator reports false positives there; the strict specs keep them.
     */
    public static void assertValid(String spec, String specPath, FakeUpstream.Received received) {
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(spec, UpstreamSpec::load);
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.POST, specPath)
                .withContentType("application/json")
                .withBody(received.body);
        received.headers.forEach(header -> {
            if (!header.getKey().equalsIgnoreCase("content-type")) {
                builder.withHeader(header.getKey(), header.getValue());
            }
        });
        int query = received.uri.indexOf('?');
        if (query >= 0) {
            for (String pair : received.uri.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                builder.withQueryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        ValidationReport report = validator.validateRequest(builder.build());
        if (report.hasErrors()) {
            StringBuilder message = new StringBuilder("request to " + spec + " " + specPath
                    + " does not match the published spec:\n");
            report.getMessages().forEach(m -> message.append("  ").append(m.getKey()).append(": ")
                    .append(m.getMessage()).append('\n'));
            message.append("body: ").append(received.body);
            throw new AssertionError(message.toString());
        }
    }

    private static OpenApiInteractionValidator load(String spec) {
        String url = UpstreamSpec.class.getResource("/upstream-specs/" + spec + ".json").toString();
        LevelResolver.Builder levels = LevelResolver.create();
        if (spec.startsWith("openai") || spec.equals("mistral")) {
            levels.withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE);
        }
        // Security is the gateway's business, checked by our own tests; the fake never enforces it.
        levels.withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE);
        return OpenApiInteractionValidator.createForSpecificationUrl(url).withLevelResolver(levels.build()).build();
    }
}
