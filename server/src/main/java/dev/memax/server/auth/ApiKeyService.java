package dev.memax.server.auth;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.SecretTokens;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** API keys: {@code mxk_} + 64 hex (32 random bytes), shown once, stored as SHA-256 + prefix. */
@Singleton
public class ApiKeyService {
    public static final int MAX_NAME = 100;
    public static final int MAX_EXPIRY_DAYS = 3650;
    private final ApiKeyRepository repository;
    private final AccessPolicy access;
    private final Cursors cursors;
    private final EventOutbox events;

    public ApiKeyService(ApiKeyRepository repository, AccessPolicy access, Cursors cursors, EventOutbox events) {
        this.events = events;
        this.repository = repository;
        this.access = access;
        this.cursors = cursors;
    }

    /** A new key and its plaintext, which exists only in this value. */
    public record Created(ApiKey key, String plaintext) {
        @Override
        public String toString() {
            return "Created[id=" + key.id() + ", prefix=" + key.prefix() + "]";
        }
    }

    /**
     * {@code POST /v1/auth/api-keys}: only an unrestricted credential with the write scope may mint
     * keys; it cannot grant a scope it lacks (403) nor name a hub it cannot see (404).
     */
    @Transactional
    public Created create(Caller caller, AuthRequests.CreateApiKey request) {
        access.requireUnrestricted(caller, Scope.WRITE);
        Set<Scope> scopes = Scope.parseAll(request.scopes());
        // A hub the caller cannot see is not_found before anything is forbidden (AccessPolicy's order).
        List<UUID> hubIds = hubRestriction(caller, request);
        for (Scope scope : scopes) {
            if (!caller.has(scope)) {
                throw ApiException.forbidden("This credential lacks the " + scope + " scope, so it cannot grant it");
            }
        }
        return create(
                caller.userId(),
                request.name(),
                scopes,
                hubIds,
                blankToNull(request.agentName()),
                request.expiresInDays());
    }

    private List<UUID> hubRestriction(Caller caller, AuthRequests.CreateApiKey request) {
        if (request.hubId() == null && request.hubIds() == null) {
            return null;
        }
        Set<String> named = new LinkedHashSet<>();
        if (request.hubId() != null) {
            named.add(request.hubId().trim());
        }
        if (request.hubIds() != null) {
            request.hubIds().forEach(id -> named.add(id == null ? "" : id.trim()));
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : named) {
            UUID hubId = Ids.parseOrNotFound(id, "Hub");
            access.visible(caller, hubId).orElseThrow(() -> ApiException.notFound("Hub"));
            ids.add(hubId);
        }
        return ids;
    }

    /**
     * Creates a key for a user. Hub ids must already be checked by the caller's service
     * against {@link dev.memax.server.access.AccessPolicy}.
     *
     * @param hubIds null for a key that may reach every hub of the user
     */
    @Transactional
    public Created create(
            UUID userId, String name, Set<Scope> scopes, List<UUID> hubIds, String agentName, Integer expiresInDays) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.invalidField("name", "must be 1-" + MAX_NAME + " characters");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_EXPIRY_DAYS)) {
            throw ApiException.invalidField("expires_in_days", "must be between 1 and " + MAX_EXPIRY_DAYS);
        }
        String plaintext = SecretTokens.newToken(Authenticator.API_KEY_PREFIX, 32);
        Instant now = Now.instant();
        ApiKey key = new ApiKey(
                Ids.newId(),
                userId,
                name.trim(),
                plaintext.substring(0, 8),
                scopes.stream().map(Scope::toString).sorted().toList(),
                hubIds == null ? null : List.copyOf(hubIds),
                agentName,
                expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)),
                null,
                now,
                now);
        repository.insert(key, Hashes.sha256Hex(plaintext));
        keyChanged(userId, key.id(), "created");
        return new Created(key, plaintext);
    }

    /** The caller's own keys, newest first. */
    public Page<ApiKeyView> list(Caller caller, PageRequest page) {
        access.requireUnrestricted(caller, Scope.READ);
        return cursors.page(
                "api_keys",
                "api-keys:" + caller.userId(),
                page,
                (after, limit) ->
                        repository
                                .pageByUser(
                                        caller.userId(), after == null ? null : UUID.fromString(after.get(0)), limit)
                                .stream()
                                .map(ApiKeyView::of)
                                .toList(),
                key -> List.of(key.id().toString()));
    }

    @Transactional
    public ApiKeyView update(Caller caller, String id, AuthRequests.UpdateApiKey request) {
        access.requireUnrestricted(caller, Scope.WRITE);
        UUID keyId = Ids.parseOrNotFound(id, "API key");
        String name = request.name() == null ? null : request.name().trim();
        if (name != null && name.isEmpty()) {
            throw ApiException.invalidField("name", "must be 1-" + MAX_NAME + " characters");
        }
        String agentName =
                request.agentName() == null ? null : request.agentName().trim();
        boolean clearAgent = agentName != null && agentName.isEmpty();
        ApiKeyView view = repository
                .update(keyId, caller.userId(), name, clearAgent ? null : agentName, clearAgent, Now.instant())
                .map(ApiKeyView::of)
                .orElseThrow(() -> ApiException.notFound("API key"));
        keyChanged(caller.userId(), keyId, "updated");
        return view;
    }

    /** Deletes one of the caller's keys; it stops authenticating at once. */
    @Transactional
    public Deleted delete(Caller caller, String id) {
        access.requireUnrestricted(caller, Scope.WRITE);
        UUID keyId = Ids.parseOrNotFound(id, "API key");
        if (!repository.delete(keyId, caller.userId())) {
            throw ApiException.notFound("API key");
        }
        keyChanged(caller.userId(), keyId, "revoked");
        return new Deleted(keyId, true, true, List.of());
    }

    /**
     * Revokes every key of the user whose agent name has this slug (disconnecting an agent), each
     * with its {@code key.changed}; in the caller's transaction. The count revoked.
     */
    @Transactional
    public int revokeAgentKeys(UUID userId, String agentSlug) {
        List<UUID> revoked = repository.deleteByAgent(userId, agentSlug);
        revoked.forEach(id -> keyChanged(userId, id, "revoked"));
        return revoked.size();
    }

    /**
     * The answer to a delete; {@code revoked} and {@code skipped} (always empty: an unknown key is
     * a 404) are Memax's ApiKeyRevokeResult beside our fields.
     */
    public record Deleted(UUID id, boolean deleted, boolean revoked, List<Map<String, String>> skipped) {}

    /** {@code key.changed} to the key's owner, in the change's transaction. */
    private void keyChanged(UUID userId, UUID keyId, String action) {
        events.user(EventType.KEY_CHANGED, userId, userId, keyId, Map.of("action", action));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
