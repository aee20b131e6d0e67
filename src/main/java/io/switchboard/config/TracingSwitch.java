package io.switchboard.config;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Tracing is on exactly when an OTLP endpoint is configured: unless {@code quarkus.otel.sdk.disabled}
 * is set explicitly, it answers {@code true} while neither {@code quarkus.otel.exporter.otlp.traces.endpoint}
 * nor {@code quarkus.otel.exporter.otlp.endpoint} is set. Without this the SDK would record every
 * request and try to export to localhost:4317, the exporter's built-in default; disabled, the
 * OpenTelemetry API is a no-op and tracing costs nothing.
 */
@Priority(Priorities.APPLICATION + 100)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    /** Built-in defaults live in config sources of the lowest ordinals; anything a user sets is at 100 or more. */
    private static final int USER_ORDINAL = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || isSet(value)) {
            return value;
        }
        boolean endpoint = isSet(context.proceed(TRACES_ENDPOINT)) || isSet(context.proceed(ENDPOINT));
        return ConfigValue.builder().withName(name).withValue(String.valueOf(!endpoint))
                .withConfigSourceName(TracingSwitch.class.getSimpleName()).withConfigSourceOrdinal(USER_ORDINAL)
                .build();
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() >= USER_ORDINAL;
    }
}
