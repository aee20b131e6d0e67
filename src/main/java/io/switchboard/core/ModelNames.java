package io.switchboard.core;

import io.switchboard.errors.GatewayException;

/**
 * The model names a caller may ask for. Some backends put the model in the URL path (Azure's
 * deployment, Gemini's model), so a name is refused unless it is plain: letters, digits and
 * {@code . _ : / @ + -}, at most 256 characters, with no empty, {@code .} or {@code ..} segment
 * that could move the request to another upstream path.
 */
final class ModelNames {

    static final int MAX_LENGTH = 256;

    private ModelNames() {
    }

    static void check(String model) {
        if (model.length() > MAX_LENGTH) {
            throw GatewayException.invalidRequest("model: longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < model.length(); i++) {
            char c = model.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "._:/@+-".indexOf(c) >= 0;
            if (!allowed) {
                throw GatewayException.invalidRequest(
                        "model: may hold only letters, digits and . _ : / @ + - (found another character)");
            }
        }
        for (String segment : model.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw GatewayException.invalidRequest("model: no empty, \".\" or \"..\" path segment");
            }
        }
    }
}
