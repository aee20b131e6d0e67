package io.switchboard.responses;

import io.smallrye.mutiny.Uni;

/**
 * Where stored responses are kept, each as one JSON text under its key, for a fixed time after it was written
 * ({@code switchboard.responses.ttl}). The store is the one {@code switchboard.store.type} names for routes:
 * this process's memory, or Redis shared by every replica. Every operation is one step of the store (one Redis
 * command), so a response written by one replica is read, and deleted, by any other.
 */
public interface ResponseStore {

    /** The store's kind, for logs and errors: {@code memory} or {@code redis}. */
    String kind();

    /** Keeps {@code stored} under {@code key}, replacing what was there, until the time to live has passed. */
    Uni<Void> put(String key, String stored);

    /** What is kept under {@code key}, or null: never written, expired, or deleted. */
    Uni<String> get(String key);

    /** Removes what is kept under {@code key}; true when there was something. */
    Uni<Boolean> delete(String key);
}
