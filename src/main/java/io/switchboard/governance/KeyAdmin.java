package io.switchboard.governance;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.smallrye.mutiny.Uni;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;

/**
 * Creates, changes and deletes virtual keys: checks them, makes the secret (shown once; the store keeps its SHA-256
 * only), writes each change to the store in one atomic step (a merge patch is applied again to the key as another
 * write left it), and logs who changed which key (never a secret).
 */
@ApplicationScoped
public class KeyAdmin {

    private static final Logger LOG = Logger.getLogger(KeyAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PATCH_ATTEMPTS = 16;

    /** A created key and its secret, which nothing else ever answers with. */
    public record Created(VirtualKey key, String secret) {
    }

    /** A key's usage in its current period. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KeyUsage(long requests, long inputTokens, long outputTokens, double costUsd, String periodStart,
            Double budgetRemainingUsd) {
    }

    private final KeyRegistry registry;
    private final ObjectMapper json;

    public KeyAdmin(KeyRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    public Collection<VirtualKey> list() {
        return registry.keys().values();
    }

    public VirtualKey get(String id) {
        VirtualKey key = registry.keys().get(id);
        if (key == null) {
            throw GatewayException.notFound("id: no virtual key \"" + id + "\"");
        }
        return key;
    }

    public Uni<KeyUsage> usage(VirtualKey key) {
        KeyGrant grant = KeyGrant.of(key);
        long now = System.currentTimeMillis();
        return store(registry.usage(key.id(), now)).map(usage -> {
            long start = grant.period().start(now, grant.createdMillis());
            boolean current = usage.periodStart() == start;
            long spent = current ? usage.spentMicros() : 0;
            return new KeyUsage(current ? usage.requests() : 0, current ? usage.inputTokens() : 0,
                    current ? usage.outputTokens() : 0, Money.usd(spent), Instant.ofEpochMilli(start).toString(),
                    grant.budgeted() ? Money.usd(Math.max(0, grant.budgetMicros() - spent)) : null);
        });
    }

    public Uni<Created> create(KeyBody body, String who) {
        KeyBody checked = checked(body);
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String secret = KeyRegistry.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        VirtualKey key = new VirtualKey("key_" + HexFormat.of().formatHex(id), KeyRegistry.hash(secret),
                Instant.ofEpochMilli(System.currentTimeMillis()).toString(), checked);
        return store(registry.store().create(key.id(), serialize(key), registry.maxKeys())).chain(outcome -> {
            if (outcome == KeyStore.Outcome.FULL) {
                throw GatewayException.of(ErrorType.CONFLICT, "key not created: the store holds "
                        + "switchboard.keys.max-keys (" + registry.maxKeys() + ") keys already");
            }
            if (outcome != KeyStore.Outcome.CREATED) {
                throw GatewayException.of(ErrorType.CONFLICT, "key not created: its id is taken; send it again");
            }
            LOG.infof("admin %s: virtual key %s (\"%s\") created", who, key.id(), checked.name());
            return reloaded(new Created(key, secret));
        });
    }

    /** A merge patch of a key's body, applied to the key as it is when written. */
    public Uni<VirtualKey> patch(String id, UnaryOperator<KeyBody> change, String who) {
        return Uni.createFrom().deferred(() -> store(registry.store().get(id)).chain(stored -> {
            if (stored == null) {
                throw GatewayException.notFound("id: no virtual key \"" + id + "\"");
            }
            VirtualKey previous = read(stored);
            VirtualKey changed = previous.with(checked(change.apply(previous.body())));
            return store(registry.store().replace(id, serialize(changed), stored)).chain(outcome -> {
                if (outcome == KeyStore.Outcome.MISSING) {
                    throw GatewayException.notFound("id: no virtual key \"" + id + "\"");
                }
                if (outcome == KeyStore.Outcome.CHANGED) {
                    throw new Changed();
                }
                LOG.infof("admin %s: virtual key %s (\"%s\") updated", who, id, changed.body().name());
                return reloaded(changed);
            });
        })).onFailure(Changed.class).retry().atMost(PATCH_ATTEMPTS - 1).onFailure(Changed.class)
                .transform(changed -> GatewayException.of(ErrorType.CONFLICT, "key \"" + id + "\" changed "
                        + PATCH_ATTEMPTS + " times while this patch was applied; send it again"));
    }

    /** Deletes (revokes) a key: every replica refuses it within the store's refresh interval. */
    public Uni<Void> delete(String id, String who) {
        return store(registry.store().delete(id)).chain(outcome -> {
            if (outcome == KeyStore.Outcome.MISSING) {
                throw GatewayException.notFound("id: no virtual key \"" + id + "\"");
            }
            LOG.infof("admin %s: virtual key %s deleted", who, id);
            return reloaded(null);
        }).replaceWithVoid();
    }

    private static final class Changed extends RuntimeException {
        Changed() {
            super(null, null, false, false);
        }
    }

    private static KeyBody checked(KeyBody body) {
        try {
            return body.checked();
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(e.getMessage());
        }
    }

    private <T> Uni<T> reloaded(T result) {
        return registry.reload().onFailure().recoverWithNull().replaceWith(result);
    }

    private <T> Uni<T> store(Uni<T> call) {
        return call.onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> {
            LOG.warnf("admin key write refused: key store (%s) unavailable: %s", registry.kind(),
                    failure.getClass().getSimpleName());
            return GatewayException.builder(ErrorType.STORE_UNAVAILABLE, "the key store (" + registry.kind()
                    + ") is unavailable: key changes are refused until it is back; requests are still served with "
                    + "the keys this instance knows").retryable().retryAfter("1").build();
        });
    }

    private VirtualKey read(String stored) {
        try {
            return json.readValue(stored, VirtualKey.class);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorType.CONFLICT, "key as stored is not readable: delete it");
        }
    }

    private String serialize(VirtualKey key) {
        try {
            return json.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("key not serializable");
        }
    }
}
