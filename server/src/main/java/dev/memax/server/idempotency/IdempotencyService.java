package dev.memax.server.idempotency;

import dev.memax.server.auth.SecretBox;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Hashes;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Idempotency-Key semantics (Stripe's): the first request with a key runs and its response is
 * kept for the TTL; a retry with the same key and the same request gets that response again;
 * the same key with a different request, or while the first is still running, is a conflict.
 * Responses that a retry should re-run (5xx, 401, 429) are not kept. Stored bodies are
 * encrypted with {@link SecretBox}: they can hold fresh tokens and API keys.
 */
@Singleton
public class IdempotencyService {
    /** An in-progress claim older than this belongs to a crashed instance and may be taken over. */
    private static final Duration ABANDON_AFTER = Duration.ofMinutes(5);

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private final IdempotencyRepository repository;
    private final SecretBox box;
    private final Duration ttl;

    public IdempotencyService(
            IdempotencyRepository repository, SecretBox box, @Value("${memax.idempotency.ttl}") Duration ttl) {
        this.repository = repository;
        this.box = box;
        this.ttl = ttl;
    }

    /** What to do with an incoming request that carries a key. */
    public sealed interface Decision permits Proceed, Replay {}

    /** Run the request, then {@link #finish} it. */
    public record Proceed(String scope, String key) implements Decision {}

    /** Answer with the stored response. */
    public record Replay(int statusCode, String body, String contentType) implements Decision {}

    public Decision begin(String scope, String key, String method, String path, byte[] body) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Idempotency-Key must be 1-255 printable ASCII characters",
                    Map.of("header", "Idempotency-Key"));
        }
        String fingerprint = fingerprint(method, path, body);
        if (repository.claim(scope, key, fingerprint, ttl, ABANDON_AFTER)) {
            return new Proceed(scope, key);
        }
        Optional<IdempotencyRecord> existing = repository.find(scope, key);
        if (existing.isEmpty() || existing.get().stale()) {
            // Purged or expired between the two statements: claim again once.
            if (repository.claim(scope, key, fingerprint, ttl, ABANDON_AFTER)) {
                return new Proceed(scope, key);
            }
            existing = repository.find(scope, key);
        }
        IdempotencyRecord record = existing.orElseThrow(() -> concurrent());
        if (!record.fingerprint().equals(fingerprint)) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "This Idempotency-Key was already used with a different request",
                    Map.of("header", "Idempotency-Key"));
        }
        if (!record.complete()) {
            throw concurrent();
        }
        String storedBody = record.responseBody() == null
                ? null
                : new String(box.open(Base64.getDecoder().decode(record.responseBody())), StandardCharsets.UTF_8);
        return new Replay(record.statusCode(), storedBody, record.contentType());
    }

    public void finish(Proceed claim, int statusCode, String body, String contentType) {
        if (statusCode >= 500 || statusCode == 401 || statusCode == 429) {
            repository.release(claim.scope(), claim.key());
        } else {
            String sealed = body == null
                    ? null
                    : Base64.getEncoder().encodeToString(box.seal(body.getBytes(StandardCharsets.UTF_8)));
            repository.complete(claim.scope(), claim.key(), statusCode, sealed, contentType);
        }
    }

    /** The request failed before producing a response: let a retry run it again. */
    public void abandon(Proceed claim) {
        repository.release(claim.scope(), claim.key());
    }

    private static ApiException concurrent() {
        return new ApiException(
                ErrorCode.CONFLICT,
                "A request with this Idempotency-Key is still in progress; retry later",
                Map.of("header", "Idempotency-Key"));
    }

    static String fingerprint(String method, String path, byte[] body) {
        return Hashes.sha256Hex((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body);
    }
}
