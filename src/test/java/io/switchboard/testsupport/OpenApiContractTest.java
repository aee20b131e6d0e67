package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The checked-in {@code openapi.yaml} itself: it parses as OpenAPI 3.1, its examples are valid, and
 * the validators of {@link OpenApiContract} accept what the contract allows and reject what it does not.
 */
class OpenApiContractTest {

    private static final Pattern COMPATIBLE_PATHS = Pattern
            .compile("/v1/(chat/completions|messages|responses)|/v1beta/models/");

    private static final String EVENT_STREAM = "text/event-stream";
    private static final String JSON = "application/json";

    @Test
    void should_parse_as_openapi_3_1_without_any_message() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser()
                .readLocation(OpenApiContract.LOCATION.toAbsolutePath().toUri().toString(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKeys(
                "AIContext", "AIMessage", "Part", "TextPart", "ImagePart", "ToolCallPart", "ToolResultPart",
                "ThinkingPart", "AITool", "AIResponse", "ToolCall", "Usage", "StreamEvent", "ThinkingDeltaEvent",
                "TextDeltaEvent", "ToolCallEvent", "DoneEvent", "ErrorEvent", "ErrorEnvelope", "ErrorBody",
                "ProviderList", "ProviderInfo", "RouteInfo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaExamples")
    void should_match_its_schema_for_every_schema_example(String location, Schema<?> schema, String example) {
        assertValid(location, schema, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonExamples")
    void should_match_its_schema_for_every_json_example(String location, Schema<?> schema, String example) {
        assertValid(location, schema, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamExamples")
    void should_frame_every_stream_example_as_valid_events(String location, String example) {
        List<JsonNode> events = OpenApiContract.assertValidStream(example);

        assertThat(events).hasSizeGreaterThan(1);
    }

    @Test
    void should_give_every_schema_and_media_type_an_example() {
        OpenAPI document = OpenApiContract.document();
        List<String> missing = new ArrayList<>();
        document.getComponents().getSchemas().forEach((name, schema) -> {
            if (!schema.getExampleSetFlag()) {
                missing.add("#/components/schemas/" + name);
            }
        });
        mediaTypes(document).forEach((location, content) -> content.forEach((mediaType, media) -> {
            if (media.getExamples() == null || media.getExamples().isEmpty()) {
                missing.add(location + "/" + mediaType);
            }
        }));

        assertThat(missing).isEmpty();
    }

    // OpenAPI Generator's validator warns of each component schema no operation reaches ("Unused model"), and the
    // build's openapi-generator:validate fails on any warning; this names them faster. Like the generator, it follows
    // $refs only where schemas are (not into x- extensions or examples).
    @Test
    void should_reach_every_component_schema_from_an_operation() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(OpenApiContract.LOCATION.toFile());
        Set<String> reached = new HashSet<>();
        collectRefs(document.get("paths"), document, reached);

        List<String> unused = new ArrayList<>();
        document.get("components").get("schemas").fieldNames().forEachRemaining(name -> {
            if (!reached.contains("#/components/schemas/" + name)) {
                unused.add(name);
            }
        });
        assertThat(unused).isEmpty();
    }

    // The console fills a parameter's example in: every try would send the same X-Request-Id.
    @Test
    void should_give_the_request_id_parameter_no_example() {
        Parameter requestId = OpenApiContract.document().getComponents().getParameters().get("requestId");

        assertThat(requestId.getExample()).isNull();
        assertThat(requestId.getExamples()).isNull();
        assertThat(requestId.getSchema().getExample()).isNull();
        assertThat(requestId.getSchema().getDefault()).isNull();
    }

    @Test
    void should_describe_every_schema_and_property() {
        List<String> missing = new ArrayList<>();
        forEachSchema((location, schema) -> {
            if (schema.get$ref() == null && schema.getDescription() == null) {
                missing.add(location);
            }
        });

        assertThat(missing).isEmpty();
    }

    // The strictness of each object is the document's decision, not the validator's default.
    @Test
    void should_declare_additional_properties_on_every_object_schema() {
        List<String> undeclared = new ArrayList<>();
        forEachSchema((location, schema) -> {
            if (schema.getProperties() != null && schema.getAdditionalProperties() == null) {
                undeclared.add(location);
            }
        });

        assertThat(undeclared).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/generate", "/v1/stream" })
    void should_declare_every_error_status_with_an_envelope_and_a_request_id(String path) {
        Map<String, ApiResponse> responses = OpenApiContract.document().getPaths().get(path).getPost().getResponses();

        assertThat(responses).containsOnlyKeys(
                "200", "400", "401", "403", "404", "413", "422", "429", "500", "502", "503", "504");
        responses.forEach((status, declared) -> {
            ApiResponse response = resolve(declared);
            assertThat(response.getHeaders()).as(status).containsKey("X-Request-Id");
            if (!status.equals("200")) {
                assertThat(response.getContent()).as(status).containsOnlyKeys(JSON);
                assertThat(response.getContent().get(JSON).getSchema().get$ref()).as(status)
                        .isEqualTo("#/components/schemas/ErrorEnvelope");
            }
        });
        assertThat(resolve(responses.get("429")).getHeaders()).containsKey("Retry-After");
    }

    @Test
    void should_accept_a_full_response_with_tool_calls_and_usage() {
        assertThatCode(() -> OpenApiContract.assertValid("AIResponse", """
                {"content": "",
                 "thinking": "The user wants the weather in two cities.",
                 "thinking_signature": "EqQBCkYIBxgCKkDn2vZ1",
                 "finish_reason": "tool_calls",
                 "usage": {"input_tokens": 412, "output_tokens": 96, "cache_read_input_tokens": 256,
                           "cache_creation_input_tokens": 0, "reasoning_tokens": 40},
                 "tool_calls": [
                   {"id": "call_1", "name": "get_weather", "arguments": {"city": "Paris", "days": 2}, "metadata": {}},
                   {"id": "call_Xk3u7Qm1Zp9Lr2Tb8Wc4Yd6N", "name": "get_weather", "arguments": {},
                    "metadata": {"raw_arguments": "{\\"city\\": \\"Par"}}
                 ],
                 "metadata": {"provider": "anthropic", "model": "claude-sonnet-4-5",
                              "provider_finish_reason": "tool_use", "request_id": "req-42", "latency_ms": 812,
                              "attempts": 2, "cost_usd": 0.0}}
                """)).doesNotThrowAnyException();
    }

    @Test
    void should_accept_a_response_when_the_optional_values_are_null() {
        assertThatCode(() -> OpenApiContract.assertValid("AIResponse", """
                {"content": "Hello from the mock provider.", "thinking": null, "thinking_signature": null,
                 "finish_reason": "stop", "usage": {}, "tool_calls": [],
                 "metadata": {"provider": "mock", "model": null, "provider_finish_reason": null, "request_id": "r1",
                              "attempts": 1, "cost_usd": null}}
                """)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
                    {"type":"thinking_delta","thinking":"Let me see","signature":null}""",
            """
                    {"type":"thinking_delta","thinking":"","signature":"EqQBCkYIBxgCKkDn2vZ1"}""",
            """
                    {"type":"text_delta","text":"Hel"}""",
            """
                    {"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"},"metadata":{}}""",
            """
                    {"type":"done","finish_reason":"tool_calls","usage":{"input_tokens":12,"output_tokens":40},\
                    "metadata":{"provider":"openai","model":"gpt-4o","provider_finish_reason":"tool_calls","request_id":"r1",\
                    "attempts":1,"cost_usd":0.0}}""",
            """
                    {"type":"error","error":{"type":"provider_unavailable","message":"openai: stream cut","provider":"openai",\
                    "status_code":null,"retryable":true,"context_overflow":false,"request_id":"r1"}}""" })
    void should_accept_each_stream_event(String event) {
        assertThatCode(() -> OpenApiContract.assertValidStreamEvent(event)).doesNotThrowAnyException();
    }

    @Test
    void should_accept_an_error_envelope() {
        assertThatCode(() -> OpenApiContract.assertValid("ErrorEnvelope", """
                {"error": {"type": "provider_error", "message": "anthropic: Overloaded", "provider": "anthropic",
                           "status_code": 529, "retryable": true, "context_overflow": false, "request_id": "r1"}}
                """)).doesNotThrowAnyException();
    }

    @Test
    void should_accept_a_provider_list() {
        assertThatCode(() -> OpenApiContract.assertValid("ProviderList", """
                {"default_provider": "mock",
                 "providers": [
                   {"name": "mock", "type": "mock", "model": null, "supports_streaming": true,
                    "supports_structured_streaming": true, "supports_vision": false,
                    "circuit_breaker": "closed"},
                   {"name": "local", "type": "ollama", "model": "qwen3:0.6b", "supports_streaming": true,
                    "supports_structured_streaming": true, "supports_vision": true,
                    "circuit_breaker": "open"}],
                 "routes": [{"name": "resilient", "targets": ["local", "mock"]}]}
                """)).doesNotThrowAnyException();
    }

    @Test
    void should_accept_a_context_when_it_carries_fields_the_gateway_ignores() {
        // RoomKit's own JSON: room, target_media_types, response_metadata at the top; metadata on
        // messages, tags on tools, structured_content on tool results.
        assertThatCode(() -> OpenApiContract.assertValid("AIContext", """
                {"room": null, "target_media_types": [], "response_metadata": {},
                 "tools": [{"name": "get_weather", "description": "Weather", "parameters": {}, "tags": []}],
                 "messages": [
                   {"role": "user", "content": "Weather in Paris?", "metadata": {}},
                   {"role": "tool", "content": [{"type": "tool_result", "tool_call_id": "c1", "name": "get_weather",
                                                 "result": [{"type": "text", "text": "22 C"}],
                                                 "structured_content": null}]}]}
                """)).doesNotThrowAnyException();
    }

    @Test
    void should_reject_a_response_when_finish_reason_is_not_normalized() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("AIResponse", """
                {"content": "Hi", "thinking": null, "thinking_signature": null, "finish_reason": "end_turn",
                 "usage": {}, "tool_calls": [],
                 "metadata": {"provider": "anthropic", "model": "m", "provider_finish_reason": "end_turn", "request_id": "r1",
                              "attempts": 1, "cost_usd": 0.0}}
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at '/finish_reason': does not have a value in the enumeration");
    }

    @Test
    void should_reject_a_context_when_a_part_type_is_unknown() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("AIContext", """
                {"messages": [{"role": "user", "content": [{"type": "video", "url": "https://example.com/v.mp4"}]}]}
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at '/messages/0/content/0': no matching schema found for discriminator value 'video'");
    }

    @Test
    void should_reject_a_stream_event_when_type_is_missing() {
        assertThatThrownBy(() -> OpenApiContract.assertValidStreamEvent("""
                {"text": "Hel"}"""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at '': required property 'type' not found");
    }

    @Test
    void should_reject_an_error_envelope_when_the_body_has_no_type() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("ErrorEnvelope", """
                {"error": {"message": "boom", "provider": null, "status_code": null, "retryable": false,
                           "context_overflow": false, "request_id": "r1"}}
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at '/error': required property 'type' not found");
    }

    @Test
    void should_reject_a_response_when_it_has_an_undeclared_field() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("AIResponse", """
                {"content": "Hi", "thinking": null, "thinking_signature": null, "finish_reason": "stop",
                 "usage": {}, "tool_calls": [], "tasks": [],
                 "metadata": {"provider": "mock", "model": null, "provider_finish_reason": null, "request_id": "r1",
                              "attempts": 1, "cost_usd": 0.0}}
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("property 'tasks' is not defined in the schema");
    }

    @Test
    void should_reject_a_response_when_a_null_key_is_left_out() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("AIResponse", """
                {"content": "Hi", "finish_reason": "stop", "usage": {}, "tool_calls": [],
                 "metadata": {"provider": "mock", "model": null, "provider_finish_reason": null, "request_id": "r1",
                              "attempts": 1, "cost_usd": 0.0}}
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required property 'thinking' not found")
                .hasMessageContaining("required property 'thinking_signature' not found");
    }

    @Test
    void should_reject_usage_when_an_unreported_counter_is_written_as_null() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("Usage", """
                {"input_tokens": 12, "output_tokens": 40, "reasoning_tokens": null}"""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at '/reasoning_tokens': null found, integer expected");
    }

    @Test
    void should_reject_a_stream_when_done_is_not_the_last_event() {
        assertThatThrownBy(() -> OpenApiContract.assertValidStream(
                """
                        event: done
                        data: {"type":"done","finish_reason":"stop","usage":{},"metadata":{"provider":"mock","model":null,"provider_finish_reason":null,"request_id":"r1","attempts":1,"cost_usd":0.0}}

                        event: text_delta
                        data: {"type":"text_delta","text":"late"}

                        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("event after the terminal event")
                .hasMessageContaining("does not end with a `done` or `error` event");
    }

    @Test
    void should_reject_a_stream_when_the_event_name_differs_from_the_type() {
        assertThatThrownBy(() -> OpenApiContract.assertValidStream(
                """
                        event: message
                        data: {"type":"text_delta","text":"Hi"}

                        event: error
                        data: {"type":"error","error":{"type":"internal_error","message":"internal error","provider":null,"status_code":null,"retryable":false,"context_overflow":false,"request_id":"r1"}}

                        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("`event: message` carries data of type \"text_delta\"");
    }

    static Stream<Arguments> schemaExamples() {
        List<Arguments> examples = new ArrayList<>();
        forEachSchema((location, schema) -> {
            if (schema.getExampleSetFlag()) {
                examples.add(Arguments.of(location + "/example", schema, json(schema.getExample())));
            }
            if (schema.getExamples() != null) {
                for (int i = 0; i < schema.getExamples().size(); i++) {
                    examples.add(Arguments.of(location + "/examples/" + i, schema, json(schema.getExamples().get(i))));
                }
            }
        });
        OpenApiContract.document().getComponents().getParameters().forEach((name, parameter) -> {
            if (parameter.getExample() != null) {
                examples.add(Arguments.of("#/components/parameters/" + name + "/example", parameter.getSchema(),
                        json(parameter.getExample())));
            }
        });
        OpenApiContract.document().getComponents().getHeaders().forEach((name, header) -> examples.add(
                Arguments.of("#/components/headers/" + name + "/example", header.getSchema(),
                        json(header.getExample()))));
        return examples.stream();
    }

    static Stream<Arguments> jsonExamples() {
        return mediaExamples(JSON);
    }

    /** The native stream's examples; the compatible APIs' streams have their own framing and tests. */
    static Stream<Arguments> streamExamples() {
        return mediaExamples(EVENT_STREAM)
                .filter(arguments -> !COMPATIBLE_PATHS.matcher((String) arguments.get()[0]).find())
                .map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[2]));
    }

    private static Stream<Arguments> mediaExamples(String wanted) {
        List<Arguments> examples = new ArrayList<>();
        mediaTypes(OpenApiContract.document()).forEach((location, content) -> content.forEach((mediaType, media) -> {
            if (mediaType.equals(wanted) && media.getExamples() != null) {
                media.getExamples().forEach((name, example) -> examples.add(Arguments.of(
                        location + "/" + mediaType + "/examples/" + name, media.getSchema(),
                        wanted.equals(JSON) ? json(example.getValue()) : example.getValue())));
            }
        }));
        return examples.stream();
    }

    /** Every media type of the document: request bodies and responses, in components and in paths. */
    private static Map<String, Content> mediaTypes(OpenAPI document) {
        Map<String, Content> found = new LinkedHashMap<>();
        document.getComponents().getRequestBodies().forEach(
                (name, body) -> found.put("#/components/requestBodies/" + name + "/content", body.getContent()));
        document.getComponents().getResponses().forEach(
                (name, response) -> found.put("#/components/responses/" + name + "/content", response.getContent()));
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String at = "#/paths/" + path + "/" + method.name().toLowerCase();
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                found.put(at + "/requestBody/content", operation.getRequestBody().getContent());
            }
            operation.getResponses().forEach((status, response) -> {
                if (response.getContent() != null) {
                    found.put(at + "/responses/" + status + "/content", response.getContent());
                }
            });
        }));
        return found;
    }

    private interface SchemaVisitor {
        void visit(String location, Schema<?> schema);
    }

    /** Visits every component schema and every schema inside one (properties, items, branches). */
    private static void forEachSchema(SchemaVisitor visitor) {
        OpenApiContract.document().getComponents().getSchemas()
                .forEach((name, schema) -> visit("#/components/schemas/" + name, schema, visitor));
    }

    private static void visit(String location, Schema<?> schema, SchemaVisitor visitor) {
        if (schema == null) {
            return;
        }
        visitor.visit(location, schema);
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> visit(location + "/properties/" + name, property, visitor));
        }
        visit(location + "/items", schema.getItems(), visitor);
        // A 3.1 `additionalProperties: true|false` parses as a boolean schema: not a schema to visit.
        if (schema.getAdditionalProperties() instanceof Schema<?> additional && additional.getBooleanSchemaValue() == null) {
            visit(location + "/additionalProperties", additional, visitor);
        }
        for (Map.Entry<String, List<Schema>> branches : Map.of("oneOf", nullToEmpty(schema.getOneOf()),
                "anyOf", nullToEmpty(schema.getAnyOf()), "allOf", nullToEmpty(schema.getAllOf())).entrySet()) {
            for (int i = 0; i < branches.getValue().size(); i++) {
                visit(location + "/" + branches.getKey() + "/" + i, branches.getValue().get(i), visitor);
            }
        }
    }

    /** Every $ref under {@code node}, and under what each one names, transitively. */
    private static void collectRefs(JsonNode node, JsonNode document, Set<String> reached) {
        if (node.isArray()) {
            node.forEach(element -> collectRefs(element, document, reached));
            return;
        }
        node.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if (key.equals("$ref")) {
                String ref = field.getValue().asText();
                if (reached.add(ref)) {
                    collectRefs(document.at(ref.substring(1)), document, reached);
                }
            } else if (!key.startsWith("x-") && !key.equals("example") && !key.equals("examples")) {
                collectRefs(field.getValue(), document, reached);
            }
        });
    }

    private static List<Schema> nullToEmpty(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }

    private static ApiResponse resolve(ApiResponse response) {
        String prefix = "#/components/responses/";
        return response.get$ref() == null ? response
                : OpenApiContract.document().getComponents().getResponses()
                        .get(response.get$ref().substring(prefix.length()));
    }

    private static void assertValid(String location, Schema<?> schema, String example) {
        assertThat(OpenApiContract.validate(schema, example).getMessages())
                .as("%s: %s", location, example)
                .isEmpty();
    }

    private static String json(Object value) {
        try {
            return Json31.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
