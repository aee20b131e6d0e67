package io.switchboard.api.responses;

import static io.switchboard.api.JsonFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.Names;

/**
 * The input items of a stored response, as {@code GET /v1/responses/{id}/input_items} lists them: the conversation
 * it was answered from (the one it continued, then its own input), each item with an {@code id}. An item the
 * client sent without one is named when the response is stored ({@link #name}), so that it keeps its id in every
 * response that continues it; the list shows each item in the shape of OpenAI's item resources (a message's
 * string content as one text part, a {@code status}).
 */
final class InputItems {

    /** The most items one page lists, and the default, as OpenAI's API has them. */
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ID = "id";
    private static final String COMPLETED = "completed";
    /** The characters of a refused query value an error quotes. */
    private static final int SHOWN = 64;

    private InputItems() {
    }

    /** Which page to list: at most {@code limit} items, oldest first when {@code ascending}, after item {@code after}. */
    record Page(int limit, boolean ascending, String after) {

        /** The query parameters as sent (null when absent), each refused with a 400 naming it when it is wrong. */
        static Page of(String limit, String order, String after) {
            int parsedLimit = DEFAULT_LIMIT;
            if (limit != null) {
                try {
                    parsedLimit = Integer.parseInt(limit.strip());
                } catch (NumberFormatException e) {
                    parsedLimit = 0;
                }
                if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                    throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got \""
                            + printable(limit) + "\"");
                }
            }
            if (order != null && !order.equals("asc") && !order.equals("desc")) {
                throw invalid("order", "must be asc or desc, got \"" + printable(order) + "\"");
            }
            return new Page(parsedLimit, "asc".equals(order), after == null || after.isEmpty() ? null : after);
        }
    }

    /**
     * Gives every item without an {@code id} one, in place: {@code <prefix><request id>_in<position>}, the prefix
     * OpenAI's ids of its type have ({@code msg_}, {@code fc_}, …).
     */
    static void name(ArrayNode items, String requestId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode item && !item.path(ID).isTextual()) {
                item.put(ID, prefix(item.path("type").asText("message")) + requestId + "_in" + i);
            }
        }
    }

    /** One page of the items, as OpenAI's list object; {@code responseId} names an item an older record left unnamed. */
    static ObjectNode list(ArrayNode items, String responseId, Page page) {
        int size = items.size();
        int start = 0;
        if (page.after() != null) {
            start = -1;
            for (int i = 0; i < size && start < 0; i++) {
                if (page.after().equals(id(items, i, responseId, page.ascending()))) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw invalid("after", "no input item \"" + printable(page.after()) + "\" in this response");
            }
        }
        int end = Math.min(size, start + page.limit());
        ObjectNode answer = NODES.objectNode();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        for (int i = start; i < end; i++) {
            int at = page.ascending() ? i : size - 1 - i;
            data.add(resource((ObjectNode) items.get(at), id(items, i, responseId, page.ascending())));
        }
        answer.put("first_id", data.isEmpty() ? null : data.get(0).get(ID).textValue());
        answer.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get(ID).textValue());
        answer.put("has_more", end < size);
        return answer;
    }

    /** The id of the {@code i}th item in the page's order. */
    private static String id(ArrayNode items, int i, String responseId, boolean ascending) {
        int at = ascending ? i : items.size() - 1 - i;
        JsonNode item = items.get(at);
        JsonNode id = item.get(ID);
        return id != null && id.isTextual() ? id.textValue()
                : prefix(item.path("type").asText("message")) + responseId + "_in" + at;
    }

    /** The item as OpenAI lists it: {@code id} first, a message's content as parts, a status. */
    private static ObjectNode resource(ObjectNode item, String id) {
        ObjectNode resource = NODES.objectNode();
        resource.put(ID, id);
        String type = item.path("type").asText("message");
        resource.put("type", type);
        item.properties().forEach(field -> {
            if (!field.getKey().equals(ID)) {
                resource.set(field.getKey(), field.getValue());
            }
        });
        if (type.equals("message")) {
            resource.set("content", parts(item.get("content"), "assistant".equals(item.path("role").asText())));
        }
        if (!type.equals("reasoning") && !resource.has("status")) {
            resource.put("status", COMPLETED);
        }
        return resource;
    }

    /** A message's content as parts: a string is one text part, and output text gets its (empty) annotations. */
    private static JsonNode parts(JsonNode content, boolean assistant) {
        if (content != null && content.isTextual()) {
            ObjectNode part = NODES.objectNode().put("type", assistant ? "output_text" : "input_text")
                    .put("text", content.textValue());
            if (assistant) {
                part.putArray("annotations");
            }
            return NODES.arrayNode().add(part);
        }
        if (content instanceof ArrayNode list) {
            ArrayNode parts = NODES.arrayNode();
            for (JsonNode part : list) {
                if (part instanceof ObjectNode object && "output_text".equals(object.path("type").asText())
                        && !object.has("annotations")) {
                    ObjectNode copy = object.deepCopy();
                    copy.putArray("annotations");
                    parts.add(copy);
                    continue;
                }
                parts.add(part);
            }
            return parts;
        }
        return content;
    }

    private static String prefix(String type) {
        return switch (type) {
            case "function_call" -> "fc_";
            case "function_call_output" -> "fco_";
            case "reasoning" -> "rs_";
            default -> "msg_";
        };
    }

    /** A client's value as a message may quote it. */
    private static String printable(String value) {
        return Names.printable(value, SHOWN);
    }
}
