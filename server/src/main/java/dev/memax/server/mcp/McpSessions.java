package dev.memax.server.mcp;

import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints, finds and ends handshake-era sessions. A session is found only by the user who opened it,
 * on the endpoint that opened it, and only while it is in use: anything else is "no such session"
 * (404), so a session id reveals nothing to another user.
 */
@Singleton
public class McpSessions {
    /** Last-use times are written at most this often per session: a request normally only reads. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final McpSessionRepository repository;
    private final Duration idleTimeout;

    public McpSessions(McpSessionRepository repository, McpSettings settings) {
        this.repository = repository;
        this.idleTimeout = settings.sessionIdleTimeout();
    }

    /** A live session: its negotiated protocol version. */
    public record Session(String protocolVersion) {}

    /** Opens a session and returns its id (visible ASCII, as the transport requires). */
    public String open(
            UUID userId, McpEndpoint endpoint, String protocolVersion, String clientName, String clientVersion) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.insert(
                Hashes.sha256Hex(id),
                userId,
                endpoint.path(),
                protocolVersion,
                clip(clientName),
                clip(clientVersion),
                Now.instant());
        return id;
    }

    /** The user's live session of that id on that endpoint; using it counts as activity. */
    public Optional<Session> find(String id, UUID userId, McpEndpoint endpoint) {
        String hash = Hashes.sha256Hex(id);
        Instant now = Now.instant();
        return repository
                .findLive(hash, now.minus(idleTimeout))
                .filter(s -> s.userId().equals(userId) && s.endpoint().equals(endpoint.path()))
                .map(s -> {
                    if (s.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
                        repository.touch(hash, now);
                    }
                    return new Session(s.protocolVersion());
                });
    }

    /** Ends the user's session; false when there was none (or it was another user's). */
    public boolean end(String id, UUID userId, McpEndpoint endpoint) {
        return find(id, userId, endpoint).isPresent() && repository.delete(Hashes.sha256Hex(id), userId);
    }

    int purgeIdle() {
        return repository.deleteIdleSince(Now.instant().minus(idleTimeout));
    }

    private static String clip(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200);
    }
}
