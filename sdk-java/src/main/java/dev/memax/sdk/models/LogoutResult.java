package dev.memax.sdk.models;

/**
 * The answer of logout.
 *
 * @param revoked {@code true}: the session's access and refresh tokens stopped working
 */
public record LogoutResult(boolean revoked) {}
