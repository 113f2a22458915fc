package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of cancelling a transfer offer.
 *
 * @param hubId     the hub
 * @param cancelled  {@code true}
 * @param transferId the offer withdrawn or declined (since 0.2)
 */
public record TransferCancelled(UUID hubId, boolean cancelled, UUID transferId) {
    /** The 0.1 form. */
    public TransferCancelled(UUID hubId, boolean cancelled) {
        this(hubId, cancelled, null);
    }
}
