package dev.memax.server.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues and verifies access tokens: ES256 JWTs with kid, 1 h by default. */
@Singleton
public class AccessTokens {
    private static final int MAX_CLOCK_SKEW_SECONDS = 30;
    private final SigningKeys keys;
    private final AuthSettings settings;

    public AccessTokens(SigningKeys keys, AuthSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /**
     * A verified token's claims.
     *
     * @param audience what the token is for ({@link TokenAudiences})
     * @param clientId the OAuth client it was issued to, or null for the API's own login
     */
    public record Claims(UUID userId, UUID sessionId, Set<Scope> scopes, String audience, String clientId) {}

    public record Issued(String token, Instant expiresAt) {}

    /** A token for {@code audience}; {@code clientId} (the {@code client_id} claim) only for OAuth clients. */
    public Issued issue(UUID userId, UUID sessionId, Set<Scope> scopes, String audience, String clientId) {
        Instant now = Now.instant();
        Instant expires = now.plus(settings.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(audience)
                .subject(userId.toString())
                .claim("sid", sessionId.toString())
                .claim("scope", Scope.wire(scopes))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .build();
        return new Issued(keys.sign(claims, JOSEObjectType.JWT), expires);
    }

    /**
     * Verifies signature (ES256 only: {@code none}, HMAC and anything else are refused before any
     * key is touched), kid, issuer and validity window, and that it names one audience; where that
     * audience is accepted is the caller's check. Empty when anything is wrong.
     */
    public Optional<Claims> verify(String token) {
        try {
            Optional<JWTClaimsSet> verified = keys.verifiedClaims(token, JOSEObjectType.JWT);
            if (verified.isEmpty()) {
                return Optional.empty();
            }
            JWTClaimsSet claims = verified.get();
            DefaultJWTClaimsVerifier<?> verifier = new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                    new HashSet<>(List.of("sub", "sid", "exp", "iat", "nbf", "scope", "aud")));
            verifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            verifier.verify(claims, null);
            if (claims.getAudience().size() != 1) {
                return Optional.empty();
            }
            Set<Scope> scopes = Scope.parseWire(claims.getStringClaim("scope"));
            return Optional.of(new Claims(
                    UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")),
                    scopes,
                    claims.getAudience().get(0),
                    claims.getStringClaim("client_id")));
        } catch (ParseException
                | BadJWTException
                | IllegalArgumentException
                | dev.memax.server.platform.ApiException e) {
            return Optional.empty();
        }
    }
}
