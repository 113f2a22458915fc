package dev.memax.server.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.memax.server.auth.SigningKeys;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * What the consent form carries between the sign-in and the user's decision: proof, signed with
 * the service's keys, that this user signed in for this very authorization request
 * ({@link AuthorizationRequest#digest}) a few minutes ago. No server-side state, so any instance
 * can take the decision; the authorization code it leads to is single use.
 */
@Singleton
public class ConsentTickets {
    static final Duration TTL = Duration.ofMinutes(10);
    private static final JOSEObjectType TYPE = new JOSEObjectType("memax-consent+jwt");
    private final SigningKeys keys;

    public ConsentTickets(SigningKeys keys) {
        this.keys = keys;
    }

    public String issue(UUID userId, AuthorizationRequest request) {
        Instant now = Now.instant();
        return keys.sign(
                new JWTClaimsSet.Builder()
                        .subject(userId.toString())
                        .claim("req", request.digest())
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(TTL)))
                        .build(),
                TYPE);
    }

    /** The user a ticket was issued to, if it is genuine, unexpired and for this request. */
    public Optional<UUID> userOf(String ticket, AuthorizationRequest request) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        return keys.verifiedClaims(ticket.trim(), TYPE).flatMap(claims -> {
            try {
                boolean valid = claims.getSubject() != null
                        && request.digest().equals(claims.getStringClaim("req"))
                        && claims.getExpirationTime() != null
                        && claims.getExpirationTime().toInstant().isAfter(Now.instant());
                return valid ? Optional.of(UUID.fromString(claims.getSubject())) : Optional.empty();
            } catch (ParseException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
