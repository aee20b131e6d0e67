package io.switchboard.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Compares a compatible door's request schema in {@code openapi.yaml} with the fields its reader reads, both ways:
 * <ul>
 * <li>every field the reader reads is a property of the schema, unless the door refuses it whatever its value
 * ({@code 400} naming it, "not supported");</li>
 * <li>every property, sent alone with its own example on a minimal request, is answered {@code 200}, and one the
 * reader does not read is documented as "Accepted and ignored".</li>
 * </ul>
 * The fields a reader reads are recorded with {@link Recorder}, a body that notes each top-level field asked for.
 */
public final class RequestSchemaCheck {

    private static final String IGNORED = "Accepted and ignored";

    private RequestSchemaCheck() {
    }

    /** A request body that records the top-level fields asked for; hand it to the door's reader. */
    public static final class Recorder extends ObjectNode {

        private final Set<String> read = new TreeSet<>();

        public Recorder(ObjectNode body) {
            super(JsonNodeFactory.instance, children(body));
        }

        private static Map<String, JsonNode> children(ObjectNode body) {
            Map<String, JsonNode> children = new LinkedHashMap<>();
            body.fields().forEachRemaining(field -> children.put(field.getKey(), field.getValue()));
            return children;
        }

        @Override
        public JsonNode get(String field) {
            read.add(field);
            return super.get(field);
        }

        public Set<String> read() {
            return read;
        }
    }

    /**
     * Every mismatch between {@code #/components/schemas/<schemaName>} and the door at {@code path}, one line each.
     *
     * @param read the top-level fields the door's reader read (see {@link Recorder})
     * @param minimal the smallest request the door answers
     * @param refusedField the field a 400 answer names
     */
    public static List<String> mismatches(String schemaName, String path, ObjectNode minimal, Set<String> read,
            Function<ExtractableResponse<Response>, String> refusedField) {
        Schema<?> schema = OpenApiContract.document().getComponents().getSchemas().get(schemaName);
        Map<String, Schema> properties = schema.getProperties();
        List<String> mismatches = new ArrayList<>();
        for (String field : read) {
            if (properties.containsKey(field)) {
                continue;
            }
            ExtractableResponse<Response> answer = OpenApiContract.invalidRequest()
                    .body(minimal.deepCopy().set(field, IntNode.valueOf(1)).toString()).post(path).then().extract();
            if (answer.statusCode() != 400 || !field.equals(refusedField.apply(answer))
                    || !answer.asString().contains("not supported")) {
                mismatches.add(field + ": read by the door and not refused (" + answer.statusCode() + " "
                        + answer.asString() + "), but not in " + schemaName);
            }
        }
        properties.forEach((field, property) -> {
            if (property.getExample() == null) {
                mismatches.add(field + ": no example in " + schemaName);
                return;
            }
            JsonNode example = Json31.mapper().valueToTree(property.getExample());
            ExtractableResponse<Response> answer = OpenApiContract.jsonRequest()
                    .body(minimal.deepCopy().set(field, example).toString()).post(path).then().extract();
            if (answer.statusCode() != 200) {
                mismatches.add(field + ": its example " + example + " is answered " + answer.statusCode() + " "
                        + answer.asString());
            }
            if (!read.contains(field) && !String.valueOf(property.getDescription()).startsWith(IGNORED)) {
                mismatches.add(field + ": in " + schemaName + " but never read by the door, and not described as \""
                        + IGNORED + "\"");
            }
        });
        return mismatches;
    }
}
