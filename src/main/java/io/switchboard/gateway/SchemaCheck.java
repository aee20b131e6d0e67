package io.switchboard.gateway;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.smallrye.mutiny.Multi;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.errors.GatewayException;

/**
 * The gateway's check of a {@code strict} response format: the answer's final text is parsed as JSON and
 * validated against the format's JSON Schema (draft 2020-12 unless the schema names another), and the result is
 * the answer's {@code metadata.schema_valid}, in a stream on its {@code done} event. The schema is compiled once,
 * when the request is planned; a request without a strict schema gets no check and costs nothing.
 */
final class SchemaCheck {

    /** The metadata key of the result. */
    static final String SCHEMA_VALID = "schema_valid";
    private static final String FIELD = "response_format.json_schema.schema";

    private final Schema schema;

    /**
     * The validator's registry, meta-schema and parser, made on the first strict schema: holding them in the outer
     * class made every first request pay for the 2020-12 meta-schema (about 15 ms, before the first answer), strict
     * or not.
     */
    private static final class Validator {

        /**
         * Nothing is fetched (a remote {@code $ref} or meta-schema is an error, never a network call) and nothing
         * is cached across requests (a client's {@code $id} must not reach another request's schema).
         */
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaCacheEnabled(false).schemaLoader(loader -> loader.fetchRemoteResources(false)));
        /** The 2020-12 meta-schema, from the library's own copy: a schema is checked against it before it is compiled. */
        static final Schema META_SCHEMA = REGISTRY
                .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        static final ObjectMapper JSON = JsonMapper.builder().build();
    }

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** The check {@code context} asks for, or null when its format is not a strict schema. */
    static SchemaCheck of(AIContext context) {
        ResponseFormat format = context.responseFormat();
        if (format == null || format.jsonSchema() == null || !Boolean.TRUE.equals(format.jsonSchema().strict())) {
            return null;
        }
        JsonNode schema = format.jsonSchema().schema();
        List<Error> errors = Validator.META_SCHEMA.validate(schema);
        if (!errors.isEmpty()) {
            String at = errors.get(0).getInstanceLocation().toString();
            throw GatewayException.invalidRequest(FIELD + ": not a valid JSON Schema (at " + at + ")");
        }
        Schema compiled;
        try {
            compiled = Validator.REGISTRY.getSchema(schema);
            compiled.initializeValidators();
        } catch (RuntimeException e) {
            throw GatewayException.invalidRequest(FIELD + ": not a valid JSON Schema (" + e.getClass().getSimpleName()
                    + ")");
        }
        return new SchemaCheck(compiled);
    }

    /** Whether {@code text} is JSON that the schema accepts. */
    boolean valid(String text) {
        JsonNode answer;
        try {
            answer = Validator.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return false;
        }
        return answer != null && !answer.isMissingNode() && schema.validate(answer).isEmpty();
    }

    /** The answer with {@code metadata.schema_valid}; an answer of tool calls alone gets none (it is not the answer yet). */
    AIResponse checked(AIResponse response) {
        if (response.content().isEmpty() && !response.toolCalls().isEmpty()) {
            return response;
        }
        response.metadata().put(SCHEMA_VALID, valid(response.content()));
        return response;
    }

    /** The stream with {@code schema_valid} on its {@code done} event, over the text its deltas carried. */
    Multi<StreamEvent> checked(Multi<StreamEvent> events) {
        return Multi.createFrom().deferred(() -> {
            StringBuilder text = new StringBuilder();
            return events.map(event -> {
                if (event instanceof TextDelta delta) {
                    text.append(delta.text());
                } else if (event instanceof Done done && !text.isEmpty()) {
                    done.metadata().put(SCHEMA_VALID, valid(text.toString()));
                }
                return event;
            });
        });
    }
}
