package io.switchboard.metrics;

/**
 * Values of the OpenTelemetry GenAI semantic conventions: {@code gen_ai.provider.name} uses the
 * conventions' well-known names where a backend type has one, else the type itself.
 */
public final class GenAiNames {

    private GenAiNames() {
    }

    public static String providerName(String type) {
        return switch (type) {
            case "azure" -> "azure.ai.openai";
            case "gemini" -> "gcp.gemini";
            case "mistral" -> "mistral_ai";
            default -> type;
        };
    }
}
