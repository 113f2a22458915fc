package dev.memax.server.auth;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Turns a bearer credential (an {@code mxk_} API key or an access token) into a {@link Caller}. */
@Singleton
public class Authenticator {
    public static final String API_KEY_PREFIX = "mxk_";
    private final ApiKeyRepository apiKeys;
    private final ApiKeyUsage usage;
    private final AccessTokens accessTokens;
    private final SessionRepository sessions;
    private final UserRepository users;

    public Authenticator(
            ApiKeyRepository apiKeys,
            ApiKeyUsage usage,
            AccessTokens accessTokens,
            SessionRepository sessions,
            UserRepository users) {
        this.apiKeys = apiKeys;
        this.usage = usage;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.users = users;
    }

    /**
     * Empty when the credential is unknown, expired, revoked or malformed, or an access token for
     * an audience not among {@code audiences} ({@link TokenAudiences#acceptedOn}).
     */
    public Optional<Caller> authenticate(String credential, Set<String> audiences) {
        Instant now = Now.instant();
        if (credential.startsWith(API_KEY_PREFIX)) {
            return apiKeys.findUsable(Hashes.sha256Hex(credential), now).flatMap(key -> {
                usage.record(key.id());
                Set<Scope> scopes = EnumSet.noneOf(Scope.class);
                key.scopes().forEach(s -> scopes.add(Scope.parse(s)));
                return users.findById(key.userId())
                        .map(user -> new Caller(
                                user.id(),
                                user.admin(),
                                key.id(),
                                null,
                                scopes,
                                key.hubIds() == null ? null : Set.copyOf(new HashSet<>(key.hubIds())),
                                null));
            });
        }
        return accessTokens
                .verify(credential)
                .filter(claims -> audiences.contains(claims.audience()))
                .filter(claims -> sessions.isActive(claims.sessionId(), now))
                .flatMap(claims -> users.findById(claims.userId())
                        .map(User::admin)
                        .map(admin -> new Caller(
                                claims.userId(),
                                admin,
                                null,
                                claims.sessionId(),
                                claims.scopes(),
                                null,
                                claims.clientId())));
    }
}
