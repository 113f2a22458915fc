package dev.memax.sdk.models;

/**
 * The answer of deleting an OAuth client.
 *
 * @param clientId the deleted client's id
 * @param deleted  {@code true}
 */
public record OAuthClientDeleted(String clientId, boolean deleted) {}
