package io.switchboard.testsupport;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * The checked-in top-level {@code openapi.yaml}, loaded once per test JVM, as validators for tests.
 * <ul>
 * <li>{@link #filter()}: a rest-assured filter that validates each request and response of a
 * {@code /v1/*} call against the contract;</li>
 * <li>{@link #assertValidStreamEvent(String)} and {@link #assertValidStream(String)}: for the
 * {@code data:} payloads of {@code /v1/stream}, which the filter does not read;</li>
 * <li>{@link #assertValid(String, String)}: any document against any component schema.</li>
 * </ul>
 * Every assertion fails with an {@link AssertionError} listing every validation message, each with
 * its JSON pointer in the document and in the schema.
 *
 * <h2>Strictness</h2>
 * The library injects {@code additionalProperties: false} into every object schema that declares
 * {@code properties} but no {@code additionalProperties}. That is left on, with the library's default
 * levels: the contract is exact, and {@code openapi.yaml} declares {@code additionalProperties} on
 * every object schema anyway (true where the contract says fields are free-form or ignored, false on
 * everything the gateway writes; {@code OpenApiContractTest} checks that each object schema says it).
 * The upstream-specs README advises levels that IGNORE additionalProperties because with
 * {@code allOf} the injected {@code false} makes each branch reject its siblings' fields. This
 * contract has no {@code allOf}, and its unions ({@code Part}, {@code StreamEvent}) are
 * {@code oneOf}s of self-contained branches (each declares its own {@code type} and all its fields)
 * under a parent that declares no properties, so no branch can reject another's field: the
 * injection yields no false errors and needs no IGNORE level.
 *
 * <h2>Two loads of one file</h2>
 * The interaction validator needs the document fully resolved (swagger-parser's
 * {@code resolveFully}; without it a {@code $ref}'d request body is a {@code NullPointerException}
 * inside the library). Fully resolved, the {@code oneOf} branches are inlined copies, so the library
 * drops the {@code discriminator} and a wrong event is reported against all five branches, twenty
 * messages for one mistake. Component schemas are therefore validated against a second,
 * unresolved load of the same file, where the {@code $ref}s survive and the discriminator picks the
 * one branch named by {@code type}: "no matching schema found for discriminator value 'video'", or
 * the errors of that branch only. (The bodies the gateway answers with through the filter,
 * {@code AIResponse}, {@code ErrorEnvelope} and {@code ProviderList}, hold no union, so their
 * reports are exact too.)
 */
public final class OpenApiContract {

    /** The contract; Maven runs tests with the project root as the working directory. */
    public static final Path LOCATION = Path.of("openapi.yaml");

    private static final String STREAM_EVENT = "StreamEvent";
    private static final Set<String> TERMINAL_EVENTS = Set.of("done", "error");

    private static final OpenApiInteractionValidator INTERACTIONS;
    private static final OpenAPI DOCUMENT;
    private static final SchemaValidator SCHEMAS;
    private static final OpenApiValidationFilter FILTER;

    static {
        String uri = LOCATION.toAbsolutePath().toUri().toString();
        LevelResolver levels = LevelResolver.defaultResolver();
        INTERACTIONS = OpenApiInteractionValidator.createForSpecificationUrl(uri)
                .withLevelResolver(levels)
                .build();
        DOCUMENT = new OpenApiLoader().loadApi(SpecSource.specUrl(uri), List.of(), unresolved());
        SCHEMAS = new SchemaValidator(DOCUMENT, new MessageResolver(levels));
        FILTER = new OpenApiValidationFilter(INTERACTIONS, true);
    }

    private OpenApiContract() {
    }

    /**
     * A rest-assured filter that validates the request and the response of every call against the
     * contract, and throws an {@link AssertionError} listing every message when either is invalid.
     * Only {@code /v1/*} is in the contract. Use {@link OpenApiValidationFilter#withoutRequestValidation()}
     * for calls that send a deliberately invalid request.
     */
    public static OpenApiValidationFilter filter() {
        return FILTER;
    }

    /** A JSON request whose request and answer are both checked against the contract. */
    public static RequestSpecification jsonRequest() {
        return RestAssured.given().filter(FILTER).contentType("application/json");
    }

    /** A JSON request that breaks the contract on purpose: only the answer is checked. */
    public static RequestSpecification invalidRequest() {
        return RestAssured.given().filter(FILTER.withoutRequestValidation()).contentType("application/json");
    }

    /** Asserts that one SSE {@code data:} payload of {@code /v1/stream} is a valid {@code StreamEvent}. */
    public static void assertValidStreamEvent(String json) {
        assertValid(STREAM_EVENT, json);
    }

    /** Asserts that {@code json} is valid against {@code #/components/schemas/<schemaName>}. */
    public static void assertValid(String schemaName, String json) {
        ValidationReport report = validate(schemaName, json);
        if (report.hasErrors()) {
            throw new AssertionError("Not a valid " + schemaName + " (" + LOCATION + "):\n"
                    + describe(report) + "\nDocument: " + json);
        }
    }

    /**
     * Asserts that a whole {@code /v1/stream} body keeps the SSE framing of the contract: frames
     * separated by a blank line; comment frames ({@code : keep-alive}) anywhere; every other frame one
     * {@code event:} line and one {@code data:} line, the data a valid {@code StreamEvent} whose
     * {@code type} equals the event name; exactly one terminal {@code done} or {@code error} event,
     * and it is the last frame.
     *
     * @return the events' data, in order
     */
    public static List<JsonNode> assertValidStream(String body) {
        List<String> frames = List.of(body.replace("\r\n", "\n").split("\n\n", -1));
        if (!frames.getLast().isEmpty()) {
            throw new AssertionError("The stream does not end with a blank line after its last frame:\n" + body);
        }
        List<JsonNode> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String frame : frames.subList(0, frames.size() - 1)) {
            List<String> lines = List.of(frame.split("\n", -1));
            if (lines.stream().allMatch(line -> line.startsWith(":"))) {
                continue;
            }
            if (lines.size() != 2 || !lines.get(0).startsWith("event: ") || !lines.get(1).startsWith("data: ")) {
                problems.add("not an `event:` line then a `data:` line: " + frame);
                continue;
            }
            String event = lines.get(0).substring("event: ".length());
            String data = lines.get(1).substring("data: ".length());
            ValidationReport report = validate(STREAM_EVENT, data);
            if (report.hasErrors()) {
                problems.add("event " + (events.size() + 1) + " is not a valid StreamEvent: " + data + "\n"
                        + describe(report));
                continue;
            }
            JsonNode node = readTree(data);
            if (!event.equals(node.path("type").asText())) {
                problems.add("`event: " + event + "` carries data of type " + node.path("type"));
            }
            if (!events.isEmpty() && TERMINAL_EVENTS.contains(events.getLast().path("type").asText())) {
                problems.add("event after the terminal event: " + frame);
            }
            events.add(node);
        }
        if (events.isEmpty() || !TERMINAL_EVENTS.contains(events.getLast().path("type").asText())) {
            problems.add("the stream does not end with a `done` or `error` event");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Not a valid /v1/stream body (" + LOCATION + "):\n- "
                    + String.join("\n- ", problems) + "\nBody:\n" + body);
        }
        return events;
    }

    /**
     * The unresolved document ({@code $ref}s kept), for tests that read the contract itself. Shared:
     * do not modify it.
     */
    public static OpenAPI document() {
        return DOCUMENT;
    }

    /** Validates {@code json} against {@code schema}, a schema of {@link #document()} or inside one. */
    static ValidationReport validate(Schema<?> schema, String json) {
        // Always parsed as JSON: the library's String overload takes the raw text as the value when the
        // schema's type is string (it is made for parameters), so `"stop"` would not be a FinishReason.
        return SCHEMAS.validate(() -> Json31.mapper().readTree(json), schema, "body");
    }

    private static ValidationReport validate(String schemaName, String json) {
        Map<String, Schema> schemas = DOCUMENT.getComponents().getSchemas();
        Schema<?> schema = schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + schemaName + " in " + LOCATION + "; there are "
                    + schemas.keySet());
        }
        return validate(schema, json);
    }

    /** One line per message: level, key, where in the document, the message, and where in the schema. */
    static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  [" + message.getLevel() + "] " + message.getKey()
                        + message.getContext()
                                .flatMap(ValidationReport.MessageContext::getPointers)
                                .map(pointers -> " at '" + pointers.getInstance() + "': " + message.getMessage()
                                        + " (schema " + pointers.getSchema() + ")")
                                .orElse(": " + message.getMessage()))
                .collect(Collectors.joining("\n"));
    }

    private static ParseOptions unresolved() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        return options;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json31.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
