package dev.memax.sdk.models;

import java.util.List;
import java.util.Map;

/**
 * The public keys that verify Memax access tokens (a standard JSON Web Key Set, RFC 7517).
 *
 * @param keys each key as its JWK members ({@code kty}, {@code kid}, {@code crv}, {@code x},
 *             {@code y}, …)
 */
public record Jwks(List<Map<String, Object>> keys) {
    public Jwks {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** The key with this {@code kid}, or null. */
    public Map<String, Object> key(String kid) {
        return keys.stream().filter(k -> kid.equals(k.get("kid"))).findFirst().orElse(null);
    }
}
