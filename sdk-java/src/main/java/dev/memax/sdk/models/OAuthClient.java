package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;

/**
 * A registered OAuth client (public: no secret; PKCE proves it).
 *
 * @param clientId     {@code mxc_…}
 * @param registration {@code admin} (registered in advance) or {@code dynamic} (RFC 7591)
 * @param clientName   what the consent page shows
 * @param redirectUris where authorization may send the user back (exact match)
 * @param clientUri    the client's home page, or null
 * @param logoUri      the client's logo, or null
 * @param createdAt    when it was registered
 */
public record OAuthClient(
        String clientId,
        String registration,
        String clientName,
        List<String> redirectUris,
        String clientUri,
        String logoUri,
        Instant createdAt) {}
