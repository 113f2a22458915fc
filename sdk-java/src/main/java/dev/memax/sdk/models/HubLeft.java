package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of leaving a hub.
 *
 * @param hubId the hub left
 * @param left  {@code true}
 */
public record HubLeft(UUID hubId, boolean left) {}
