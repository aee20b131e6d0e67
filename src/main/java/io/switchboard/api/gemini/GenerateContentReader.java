package io.switchboard.api.gemini;

import static io.switchboard.api.JsonFields.array;
import static io.switchboard.api.JsonFields.bool;
import static io.switchboard.api.JsonFields.integer;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.nonEmptyStrings;
import static io.switchboard.api.JsonFields.number;
import static io.switchboard.api.JsonFields.object;
import static io.switchboard.api.JsonFields.present;
import static io.switchboard.api.JsonFields.requiredString;
import static io.switchboard.api.JsonFields.string;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.ContextValidator;
import io.switchboard.api.ResponseFormats;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.ToolResultPart;

/**
 * Reads a {@code GenerateContentRequest} into an {@link AIContext}. Roles are {@code user} (the default) and
 * {@code model}; a user turn's {@code functionResponse} parts become tool messages, before the rest of its
 * content. A {@code functionCall} without an id gets one, and a {@code functionResponse} without an id answers the
 * earliest unanswered call of its name, so backends that pair calls by id can follow. Reasoning comes back as
 * thinking: consecutive {@code thought} parts are one, and a {@code thoughtSignature} on a text part is the
 * signature of the reasoning before it. A {@code thoughtSignature} on a {@code functionCall} travels in the call's
 * metadata, which only a Gemini backend reads.
 * <p>
 * What Switchboard cannot honour (structured output, {@code topK}, more than one
 * candidate, tools other than functions, parts other than text, images and function calls) is a 400 naming the
 * field; {@code safetySettings} go to a Gemini backend and are ignored by the others; {@code cachedContent},
 * {@code labels} and the rest are ignored, as unknown fields are.
 */
@ApplicationScoped
class GenerateContentReader {

    private static final String JSON = "application/json";
    private static final String USER = "user";
    private static final String MODEL = "model";

    private final GenerateContentAnswers answers;

    GenerateContentReader(GenerateContentAnswers answers) {
        this.answers = answers;
    }

    /**
     * @param model the model the path named
     * @param stream whether the method is {@code streamGenerateContent}
     * @param sse whether the stream is asked as Server-Sent Events ({@code ?alt=sse})
     */
    GenerateContentRequest read(ObjectNode body, String model, String requestId, boolean stream, boolean sse) {
        ObjectNode config = object(body, "generationConfig", "generationConfig");
        if (config == null) {
            config = JsonNodeFactory.instance.objectNode();
        }
        refuseUnsupported(config);
        List<AIMessage> conversation = contents(body);
        List<AITool> tools = tools(body);
        ObjectNode thinking = object(config, "thinkingConfig", "generationConfig.thinkingConfig");
        Integer budget = null;
        Boolean enableThinking = null;
        String level = null;
        boolean includeThoughts = false;
        if (thinking != null) {
            Integer given = integer(thinking, "thinkingBudget", "generationConfig.thinkingConfig.thinkingBudget");
            if (given != null) {
                // Gemini's own scale: 0 turns reasoning off, -1 lets the model decide, more is a budget
                if (given < -1) {
                    throw invalid("generationConfig.thinkingConfig.thinkingBudget",
                            "must be -1 (dynamic), 0 (off) or a positive budget, got " + given);
                }
                enableThinking = given != 0;
                budget = given > 0 ? given : null;
            }
            String givenLevel = string(thinking, "thinkingLevel", "generationConfig.thinkingConfig.thinkingLevel");
            if (givenLevel != null) {
                level = givenLevel.toLowerCase(Locale.ROOT);
            }
            includeThoughts = Boolean.TRUE.equals(
                    bool(thinking, "includeThoughts", "generationConfig.thinkingConfig.includeThoughts"));
        }
        Integer maxTokens = integer(config, "maxOutputTokens", "generationConfig.maxOutputTokens");
        if (maxTokens != null && maxTokens < 1) {
            throw invalid("generationConfig.maxOutputTokens", "must be at least 1, got " + maxTokens);
        }
        Double temperature = number(config, "temperature", "generationConfig.temperature");
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw invalid("generationConfig.temperature", "must be between 0 and 2, got " + temperature);
        }
        Double topP = number(config, "topP", "generationConfig.topP");
        String topPProblem = ContextValidator.topPProblem(topP);
        if (topPProblem != null) {
            throw invalid("generationConfig.topP", topPProblem);
        }
        ArrayNode stops = array(config, "stopSequences", "generationConfig.stopSequences");
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        ArrayNode safety = array(body, "safetySettings", "safetySettings");
        if (safety != null && !safety.isEmpty()) {
            metadata.set(AIContext.GEMINI_SAFETY_SETTINGS, safety);
        }
        AIContext context = new AIContext(conversation, systemInstruction(body), temperature, maxTokens, budget,
                enableThinking, level, tools, toolChoice(body, tools), null,
                stops == null ? List.of()
                        : nonEmptyStrings(stops, "generationConfig.stopSequences", ContextValidator.MAX_STOP_SEQUENCES),
                null, metadata, true).withResponseFormat(responseFormat(config));
        if (topP != null) {
            context = context.withTopP(topP);
        }
        ContextValidator.validate(context);
        return new GenerateContentRequest(context, stream, model, requestId, includeThoughts, sse, answers);
    }

    /**
     * {@code responseMimeType: application/json} is JSON mode, with {@code responseSchema} (Gemini's OpenAPI subset)
     * or {@code responseJsonSchema} (JSON Schema) a {@code json_schema} format; null for plain text.
     */
    private static ResponseFormat responseFormat(ObjectNode config) {
        String mimeType = string(config, "responseMimeType", "generationConfig.responseMimeType");
        ObjectNode openApiSchema = object(config, "responseSchema", "generationConfig.responseSchema");
        String jsonSchemaField = present(config, "responseJsonSchema") ? "responseJsonSchema" : "_responseJsonSchema";
        ObjectNode jsonSchema = object(config, jsonSchemaField, "generationConfig." + jsonSchemaField);
        if (mimeType == null || mimeType.equals("text/plain")) {
            if (openApiSchema != null || jsonSchema != null) {
                throw invalid("generationConfig.responseMimeType", "must be \"application/json\" with a "
                        + (openApiSchema != null ? "responseSchema" : jsonSchemaField));
            }
            return null;
        }
        if (!mimeType.equals(JSON)) {
            throw invalid("generationConfig.responseMimeType", "only \"text/plain\" and \"application/json\" are "
                    + "supported, got \"" + mimeType + "\"");
        }
        if (openApiSchema != null && jsonSchema != null) {
            throw invalid("generationConfig." + jsonSchemaField, "only one of responseSchema and " + jsonSchemaField);
        }
        if (openApiSchema == null && jsonSchema == null) {
            return new ResponseFormat(ResponseFormat.JSON_OBJECT, null);
        }
        ObjectNode schema = jsonSchema != null ? jsonSchema : GeminiSchemas.toJsonSchema(openApiSchema, true);
        return new ResponseFormat(ResponseFormat.JSON_SCHEMA,
                new ResponseFormat.JsonSchema(ResponseFormats.UNNAMED, null, schema, null));
    }

    private static void refuseUnsupported(ObjectNode config) {
        Integer candidates = integer(config, "candidateCount", "generationConfig.candidateCount");
        if (candidates != null && candidates != 1) {
            throw invalid("generationConfig.candidateCount", "only 1 candidate per request is supported, got "
                    + candidates);
        }
        if (present(config, "topK")) {
            throw invalid("generationConfig.topK", "not supported");
        }
        for (String field : List.of("presencePenalty", "frequencyPenalty")) {
            Double penalty = number(config, field, "generationConfig." + field);
            if (penalty != null && penalty != 0.0) {
                throw invalid("generationConfig." + field, "not supported (only the default 0)");
            }
        }
    }

    private static String systemInstruction(ObjectNode body) {
        ObjectNode system = object(body, "systemInstruction", "systemInstruction");
        if (system == null) {
            return null;
        }
        ArrayNode parts = array(system, "parts", "systemInstruction.parts");
        if (parts == null) {
            throw invalid("systemInstruction.parts", "required (a list of text parts)");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String at = "systemInstruction.parts[" + i + "]";
            ObjectNode part = object(parts.get(i), at);
            String value = string(part, "text", at + ".text");
            if (value == null) {
                throw invalid(at, "only text parts are supported in a system instruction");
            }
            if (!text.isEmpty() && !value.isEmpty()) {
                text.append('\n');
            }
            text.append(value);
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** Turns, in order; the calls of each model turn wait for their responses by name. */
    private static List<AIMessage> contents(ObjectNode body) {
        ArrayNode contents = array(body, "contents", "contents");
        if (contents == null || contents.isEmpty()) {
            throw invalid("contents", "required (a non-empty list)");
        }
        List<AIMessage> conversation = new ArrayList<>(contents.size());
        Map<String, ArrayDeque<String>> unanswered = new HashMap<>();
        for (int i = 0; i < contents.size(); i++) {
            String at = "contents[" + i + "]";
            ObjectNode content = object(contents.get(i), at);
            String role = string(content, "role", at + ".role");
            ArrayNode parts = array(content, "parts", at + ".parts");
            if (parts == null || parts.isEmpty()) {
                throw invalid(at + ".parts", "required (a non-empty list)");
            }
            if (role == null || role.equals(USER)) {
                userTurn(parts, at, unanswered, conversation);
            } else if (role.equals(MODEL)) {
                modelTurn(parts, at, i, unanswered, conversation);
            } else {
                throw invalid(at + ".role", "unsupported role \"" + role + "\" (user or model)");
            }
        }
        return conversation;
    }

    private static void modelTurn(ArrayNode parts, String at, int turn, Map<String, ArrayDeque<String>> unanswered,
            List<AIMessage> conversation) {
        List<Part> out = new ArrayList<>(parts.size());
        StringBuilder thought = null;
        String thoughtSignature = null;
        for (int j = 0; j < parts.size(); j++) {
            String partAt = at + ".parts[" + j + "]";
            ObjectNode part = object(parts.get(j), partAt);
            String signature = string(part, "thoughtSignature", partAt + ".thoughtSignature");
            if (Boolean.TRUE.equals(bool(part, "thought", partAt + ".thought"))) {
                String text = string(part, "text", partAt + ".text");
                thought = (thought == null ? new StringBuilder() : thought).append(text == null ? "" : text);
                thoughtSignature = signature != null ? signature : thoughtSignature;
                continue;
            }
            ObjectNode call = object(part, "functionCall", partAt + ".functionCall");
            // the signature on the first part after the reasoning signs it (a call keeps its own)
            String reasoningSignature = call == null ? signature : null;
            if (thought != null || reasoningSignature != null) {
                out.add(new ThinkingPart(thought == null ? "" : thought.toString(),
                        reasoningSignature != null ? reasoningSignature : thoughtSignature));
                thought = null;
                thoughtSignature = null;
            }
            if (call != null) {
                String name = requiredString(call, "name", partAt + ".functionCall.name");
                String id = string(call, "id", partAt + ".functionCall.id");
                if (id == null || id.isBlank()) {
                    id = "call_" + turn + "_" + j;
                }
                JsonNode args = call.get("args");
                if (args != null && !args.isNull() && !args.isObject()) {
                    throw invalid(partAt + ".functionCall.args", "must be an object");
                }
                ObjectNode metadata = JsonNodeFactory.instance.objectNode();
                if (signature != null && !signature.isEmpty()) {
                    metadata.put(ToolCall.THOUGHT_SIGNATURE, signature);
                }
                out.add(new ToolCallPart(id, name, args == null || args.isNull() ? null : (ObjectNode) args, metadata));
                unanswered.computeIfAbsent(name, k -> new ArrayDeque<>()).add(id);
            } else if (present(part, "functionResponse")) {
                throw invalid(partAt + ".functionResponse", "belongs in a user turn");
            } else {
                out.add(contentPart(part, partAt));
            }
        }
        if (thought != null || thoughtSignature != null) {
            out.add(new ThinkingPart(thought == null ? "" : thought.toString(), thoughtSignature));
        }
        if (!out.isEmpty()) {
            conversation.add(new AIMessage(Role.ASSISTANT, out));
        }
    }

    private static void userTurn(ArrayNode parts, String at, Map<String, ArrayDeque<String>> unanswered,
            List<AIMessage> conversation) {
        List<Part> out = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String partAt = at + ".parts[" + j + "]";
            ObjectNode part = object(parts.get(j), partAt);
            ObjectNode response = object(part, "functionResponse", partAt + ".functionResponse");
            if (response != null) {
                conversation.add(new AIMessage(Role.TOOL, List.of(toolResult(response, partAt + ".functionResponse",
                        unanswered))));
            } else if (present(part, "functionCall")) {
                throw invalid(partAt + ".functionCall", "belongs in a model turn");
            } else if (!Boolean.TRUE.equals(bool(part, "thought", partAt + ".thought"))) {
                out.add(contentPart(part, partAt));
            }
        }
        if (!out.isEmpty()) {
            conversation.add(new AIMessage(Role.USER, out));
        }
    }

    /**
     * A function's response: an {@code error} member alone says the function failed; a single {@code output} or
     * {@code result} string is the result's text; anything else is passed on as its JSON text.
     */
    private static ToolResultPart toolResult(ObjectNode response, String at,
            Map<String, ArrayDeque<String>> unanswered) {
        String name = requiredString(response, "name", at + ".name");
        String id = string(response, "id", at + ".id");
        ArrayDeque<String> waiting = unanswered.get(name);
        if (id == null || id.isBlank()) {
            id = waiting == null ? null : waiting.poll();
            if (id == null) {
                throw invalid(at + ".name", "no earlier functionCall of \"" + name + "\" is left to answer");
            }
        } else if (waiting != null) {
            waiting.remove(id);
        }
        ObjectNode result = object(response, "response", at + ".response");
        if (result == null) {
            throw invalid(at + ".response", "required (an object)");
        }
        boolean failed = result.size() == 1 && result.has("error");
        JsonNode single = result.size() == 1 ? result.elements().next() : null;
        String text = single != null && single.isTextual() && (failed || result.has("output") || result.has("result"))
                ? single.textValue()
                : failed ? single.toString() : result.toString();
        return new ToolResultPart(id, name, List.of(new TextPart(text)), failed ? Boolean.TRUE : null);
    }

    /** A text or image part; any other kind is refused, naming it. */
    private static Part contentPart(ObjectNode part, String at) {
        String text = string(part, "text", at + ".text");
        if (text != null) {
            return new TextPart(text);
        }
        ObjectNode inline = object(part, "inlineData", at + ".inlineData");
        if (inline != null) {
            String mimeType = image(requiredString(inline, "mimeType", at + ".inlineData.mimeType"),
                    at + ".inlineData.mimeType");
            String data = requiredString(inline, "data", at + ".inlineData.data");
            return new ImagePart("data:" + mimeType + ";base64," + data, mimeType);
        }
        ObjectNode file = object(part, "fileData", at + ".fileData");
        if (file != null) {
            String uri = requiredString(file, "fileUri", at + ".fileData.fileUri");
            if (!uri.startsWith("https://")) {
                throw invalid(at + ".fileData.fileUri", "must be an https: URL (uploaded files are not supported)");
            }
            String mimeType = string(file, "mimeType", at + ".fileData.mimeType");
            return new ImagePart(uri, mimeType == null ? null : image(mimeType, at + ".fileData.mimeType"));
        }
        Iterator<String> fields = part.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("thoughtSignature") && !field.equals("thought") && !field.equals("partMetadata")) {
                throw invalid(at + "." + field, "unsupported part (text, inlineData, fileData, functionCall, "
                        + "functionResponse)");
            }
        }
        throw invalid(at, "required: one of text, inlineData, fileData, functionCall, functionResponse");
    }

    private static String image(String mimeType, String at) {
        if (!mimeType.startsWith("image/")) {
            throw invalid(at, "only images are supported, got \"" + mimeType + "\"");
        }
        return mimeType;
    }

    private static List<AITool> tools(ObjectNode body) {
        ArrayNode list = array(body, "tools", "tools");
        if (list == null) {
            return List.of();
        }
        List<AITool> tools = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "tools[" + i + "]";
            ObjectNode tool = object(list.get(i), at);
            Iterator<String> fields = tool.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.equals("functionDeclarations")) {
                    throw invalid(at + "." + field, "not supported; only functionDeclarations");
                }
            }
            ArrayNode declarations = array(tool, "functionDeclarations", at + ".functionDeclarations");
            if (declarations == null) {
                continue;
            }
            for (int k = 0; k < declarations.size(); k++) {
                String declarationAt = at + ".functionDeclarations[" + k + "]";
                ObjectNode declaration = object(declarations.get(k), declarationAt);
                ObjectNode parameters = object(declaration, "parameters", declarationAt + ".parameters");
                ObjectNode jsonSchema = object(declaration, "parametersJsonSchema",
                        declarationAt + ".parametersJsonSchema");
                if (parameters != null && jsonSchema != null) {
                    throw invalid(declarationAt + ".parametersJsonSchema", "give parameters or parametersJsonSchema, "
                            + "not both");
                }
                tools.add(new AITool(requiredString(declaration, "name", declarationAt + ".name"),
                        string(declaration, "description", declarationAt + ".description"),
                        jsonSchema != null ? jsonSchema : parameters == null ? null : GeminiSchemas.toJsonSchema(parameters)));
            }
        }
        return tools;
    }

    /**
     * {@code toolConfig.functionCallingConfig}: {@code AUTO}, {@code NONE}, or {@code ANY} (a call of any function,
     * or of the one function {@code allowedFunctionNames} names; several names are a call of any function only
     * when they name every declared one).
     */
    private static ToolChoice toolChoice(ObjectNode body, List<AITool> tools) {
        ObjectNode config = object(body, "toolConfig", "toolConfig");
        ObjectNode calling = config == null ? null
                : object(config, "functionCallingConfig", "toolConfig.functionCallingConfig");
        if (calling == null) {
            return null;
        }
        String at = "toolConfig.functionCallingConfig";
        String mode = string(calling, "mode", at + ".mode");
        ArrayNode allowed = array(calling, "allowedFunctionNames", at + ".allowedFunctionNames");
        List<String> names = allowed == null ? List.of() : nonEmptyStrings(allowed, at + ".allowedFunctionNames", 128);
        if (!names.isEmpty() && !"ANY".equals(mode)) {
            throw invalid(at + ".allowedFunctionNames", "only with mode ANY");
        }
        if (mode == null || mode.equals("MODE_UNSPECIFIED") || mode.equals("AUTO")) {
            return null;
        }
        if (!mode.equals("NONE") && tools.isEmpty()) {
            throw invalid(at + ".mode", mode + " needs tools.functionDeclarations");
        }
        return switch (mode) {
            case "NONE" -> ToolChoice.of(ToolChoice.NONE);
            case "ANY" -> {
                if (names.size() == 1) {
                    yield ToolChoice.tool(names.getFirst());
                }
                if (!names.isEmpty() && !names.containsAll(tools.stream().map(AITool::name).toList())) {
                    throw invalid(at + ".allowedFunctionNames", "one name, or every declared function; a choice "
                            + "among some of them is not supported");
                }
                yield ToolChoice.of(ToolChoice.REQUIRED);
            }
            default -> throw invalid(at + ".mode", "unsupported \"" + mode + "\" (AUTO, ANY or NONE)");
        };
    }
}
