package io.switchboard.core;

import io.switchboard.errors.GatewayException;

/**
 * The model names a caller may ask for. Some backends put the model in the URL path (Azure's
 * deployment, Gemini's model); the providers percent-encode it, but encoding leaves dots alone, so
 * a name that is or holds a {@code .} or {@code ..} segment would move the request to another
 * upstream path. Such names are refused, as are control characters and names over 256 characters.
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
            if (c < 0x20 || c == 0x7F) {
                throw GatewayException.invalidRequest("model: control characters are not allowed");
            }
        }
        for (String segment : model.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw GatewayException.invalidRequest("model: a \".\" or \"..\" segment is not allowed");
            }
        }
    }
}
