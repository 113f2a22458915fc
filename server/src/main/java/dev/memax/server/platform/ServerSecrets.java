package dev.memax.server.platform;

import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Named random secrets, created on first use and then identical on every instance. */
@Singleton
public class ServerSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ServerSecretRepository repository;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public ServerSecrets(ServerSecretRepository repository) {
        this.repository = repository;
    }

    public byte[] get(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    /** HMAC-SHA256 of {@code payload} under the named secret. */
    public byte[] sign(String name, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cache.computeIfAbsent(name, this::loadOrCreate), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private byte[] loadOrCreate(String name) {
        return repository.findById(name).map(ServerSecret::value).orElseGet(() -> {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            repository.insertIfAbsent(name, fresh);
            return repository.findById(name).orElseThrow().value();
        });
    }
}
