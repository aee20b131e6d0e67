package io.switchboard.core.route;

/**
 * One target of a route: a provider, and optionally the model to ask it for ({@code openai/gpt-4o-mini},
 * split at the first {@code /}, since model names such as {@code Qwen/Qwen3-8B} contain slashes themselves).
 */
public record RouteTarget(String provider, String model) {

    public static RouteTarget parse(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return new RouteTarget(value.strip(), null);
        }
        String model = value.substring(slash + 1).strip();
        return new RouteTarget(value.substring(0, slash).strip(), model.isEmpty() ? null : model);
    }

    @Override
    public String toString() {
        return model == null ? provider : provider + "/" + model;
    }
}
