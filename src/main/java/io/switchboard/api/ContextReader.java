package io.switchboard.api;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.switchboard.core.model.AIContext;
import io.switchboard.errors.GatewayException;

/**
 * Turns a request body into an {@link AIContext}, or a 400 whose message names the field path
 * ({@code messages[2].content[0].type: unknown part type "video"}). Binding is strict about types
 * (no "0.5" for a number) but ignores unknown fields (clients may send more); the rules that Jackson cannot
 * express are checked by {@link ContextValidator}.
 * <p>
 * {@code @Singleton}: called on every request, and a normal-scoped bean is reached through a client proxy
 * that looks its instance up in the context on every call.
 */
@Singleton
public class ContextReader {

    private final ObjectReader reader;
    private final RequestLimits limits;

    public ContextReader(ObjectMapper quarkusMapper, RequestLimits limits) {
        this.limits = limits;
        this.reader = strict(quarkusMapper).readerFor(AIContext.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A copy of the mapper that binds JSON types strictly, for every body the API reads. */
    public static ObjectMapper strict(ObjectMapper quarkusMapper) {
        ObjectMapper strict = quarkusMapper.copy();
        // a string where a number belongs ("temperature": "0.5") is a client mistake, not a value
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        // and 1.5 where an integer belongs (max_tokens) is not silently truncated
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return strict;
    }

    public AIContext read(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest("body: required (a JSON AIContext object)");
        }
        AIContext context;
        try {
            context = reader.readValue(body);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException || e.getCause() instanceof StreamConstraintsException) {
                // a syntax error or a parser limit met while binding a field: about the body, whatever the field
                throw JsonBodies.notJson((JsonProcessingException) e.getCause());
            }
            throw GatewayException.invalidRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw JsonBodies.notJson(e);
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: unreadable");
        }
        if (context == null) {
            throw GatewayException.invalidRequest("body: must be a JSON object");
        }
        limits.checkSize(context);
        ContextValidator.validate(context);
        return context;
    }

    /** A binding failure as {@code <field path>: <what is wrong>}. */
    public static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        if (e instanceof InvalidTypeIdException typeId) {
            String at = path.isEmpty() ? "type" : path + ".type";
            return typeId.getTypeId() == null ? at + ": required (one of text, image, tool_call, tool_result, thinking)"
                    : at + ": unknown part type \"" + typeId.getTypeId() + "\"";
        }
        String field = path.isEmpty() ? "body" : path;
        if (e instanceof InvalidFormatException format) {
            return field + ": invalid value " + format.getValue() + " (expected " + simpleType(format.getTargetType()) + ")";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("must be")) {
                return field + ": " + original;
            }
            return field + ": wrong type (expected " + simpleType(mismatch.getTargetType()) + ")";
        }
        return field + ": " + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        return "an object";
    }
}
