package io.switchboard.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.errors.GatewayException;

/**
 * How every door refuses a body that is not the JSON object it takes: missing, malformed (with Jackson's reason
 * and where), over a parser limit, or not an object. One wording for all, so a client's error handling learns it
 * once.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object; {@code expected} says what the door takes, e.g. "a JSON route object". */
    public static ObjectNode object(ObjectMapper json, byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest("body: required (" + expected + ")");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: unreadable");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidRequest("body: must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A body Jackson could not parse, as a 400 that says why and where without echoing the body. */
    public static GatewayException notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Jackson's own wording names its classes; say what the limit is about instead
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            return GatewayException.invalidRequest(what.contains("nesting depth")
                    ? "body: JSON nested too deeply (at most 1000 levels)"
                    : what.contains("Number") ? "body: a JSON number is too long"
                            : what.contains("String") || what.contains("Name") ? "body: a JSON string is too long"
                                    : "body: over a JSON size limit");
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().split("\n")[0];
        int source = what.indexOf(" (start marker");
        return GatewayException.invalidRequest("body: not valid JSON (" + (source > 0 ? what.substring(0, source) : what)
                + where + ")");
    }
}
