package io.switchboard.core.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Reads content that is "a string, or a list of parts": a string becomes one text part.
 * Errors inside the list keep their index in the Jackson path, so the client is told
 * {@code messages[2].content[0].type}.
 */
public final class PartListDeserializer extends JsonDeserializer<List<Part>> {

    @Override
    public List<Part> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return List.of(new TextPart(parser.getText()));
        }
        if (token != JsonToken.START_ARRAY) {
            return context.reportInputMismatch(this, "must be a string or a list of parts");
        }
        List<Part> parts = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw JsonMappingException.wrapWithPath(
                        context.instantiationException(Part.class, "must be an object with a \"type\""), parts, index);
            }
            try {
                parts.add(context.readValue(parser, Part.class));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, parts, index);
            }
            index++;
        }
        return parts;
    }

    @Override
    public List<Part> getNullValue(DeserializationContext context) {
        return null;
    }
}
