package io.switchboard.governance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A virtual key as the store keeps it: its id, the SHA-256 of its secret (hex; the secret itself is shown once, when
 * created, and kept nowhere), when it was created (RFC 3339) and what the admin wrote.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VirtualKey(String id, String keyHash, String createdAt, KeyBody body) {

    public VirtualKey with(KeyBody changed) {
        return new VirtualKey(id, keyHash, createdAt, changed);
    }
}
