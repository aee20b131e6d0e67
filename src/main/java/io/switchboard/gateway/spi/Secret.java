package io.switchboard.gateway.spi;

/** A credential. Its {@code toString} never shows the value, so it cannot leak through a log line. */
public record Secret(String value) {

    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value);
    }

    @Override
    public String toString() {
        return "***";
    }
}
