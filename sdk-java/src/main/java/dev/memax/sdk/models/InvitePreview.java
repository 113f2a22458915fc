package dev.memax.sdk.models;

import java.time.Instant;

/**
 * What anyone holding an invite token may learn before accepting it.
 *
 * @param hubName   the hub's name
 * @param role      the role the invite grants
 * @param expiresAt when the invite expires
 */
public record InvitePreview(String hubName, HubRole role, Instant expiresAt) {}
