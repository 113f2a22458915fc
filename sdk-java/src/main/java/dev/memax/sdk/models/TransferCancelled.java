package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of cancelling a transfer offer.
 *
 * @param hubId     the hub
 * @param cancelled {@code true}
 */
public record TransferCancelled(UUID hubId, boolean cancelled) {
}
