package dev.memax.sdk;

import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.Transfer;
import dev.memax.sdk.models.TransferCancelled;
import java.util.Objects;
import java.util.UUID;

/**
 * Handing a hub's ownership to another member: {@code /v1/hubs/{id}/transfer}. The owner
 * offers, the offered member accepts (becoming owner; the previous owner becomes admin).
 * Get it from {@link HubService#transfer(UUID)}.
 */
public final class HubTransferService {
    private final Transport transport;
    private final String path;
    private final String hubPath;

    HubTransferService(Transport transport, String hubPath) {
        this.transport = transport;
        this.hubPath = hubPath;
        this.path = hubPath + "/transfer";
    }

    /** Offers the hub to a current member (owner), replacing a pending offer. {@code POST /v1/hubs/{id}/transfer}. */
    public Transfer offer(UUID userId) {
        return offer(userId, RequestOptions.NONE);
    }

    /** {@link #offer(UUID)} with per-call options. */
    public Transfer offer(UUID userId, RequestOptions options) {
        Objects.requireNonNull(userId, "userId");
        return transport.call("POST", path, new OfferBody(userId), options, Transport.Auth.REQUIRED, Transfer.class);
    }

    /**
     * The pending offer. {@code GET /v1/hubs/{id}/transfer}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException none is pending
     */
    public Transfer get() {
        return get(RequestOptions.NONE);
    }

    /** {@link #get()} with per-call options. */
    public Transfer get(RequestOptions options) {
        return transport.call("GET", path, null, options, Transport.Auth.REQUIRED, Transfer.class);
    }

    /**
     * Accepts the offer made to the caller, who becomes owner. {@code POST /v1/hubs/{id}/transfer/accept}.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException the offer is for someone else
     */
    public HubEntry accept() {
        return accept(RequestOptions.NONE);
    }

    /** {@link #accept()} with per-call options. */
    public HubEntry accept(RequestOptions options) {
        return transport.call("POST", path + "/accept", null, options, Transport.Auth.REQUIRED, HubEntry.class);
    }

    /** Withdraws (owner) or declines (offered member) the offer. {@code DELETE /v1/hubs/{id}/transfer}. */
    public TransferCancelled cancel() {
        return cancel(RequestOptions.NONE);
    }

    /** {@link #cancel()} with per-call options. */
    public TransferCancelled cancel(RequestOptions options) {
        return transport.call("DELETE", path, null, options, Transport.Auth.REQUIRED, TransferCancelled.class);
    }

    /**
     * Accepts the pending offer with this id (the Memax route); answers it with {@code acceptedAt}.
     * {@code POST /v1/hubs/{id}/ownership-transfer/{transfer_id}/accept}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException no pending offer has this id
     */
    public Transfer acceptOffer(UUID transferId) {
        return acceptOffer(transferId, RequestOptions.NONE);
    }

    /** {@link #acceptOffer(UUID)} with per-call options. */
    public Transfer acceptOffer(UUID transferId, RequestOptions options) {
        return transport.call(
                "POST", offerPath(transferId) + "/accept", null, options, Transport.Auth.REQUIRED, Transfer.class);
    }

    /**
     * Withdraws (owner) or declines (offered member) the pending offer with this id (the Memax route).
     * {@code POST /v1/hubs/{id}/ownership-transfer/{transfer_id}/cancel}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException no pending offer has this id
     */
    public TransferCancelled cancelOffer(UUID transferId) {
        return cancelOffer(transferId, RequestOptions.NONE);
    }

    /** {@link #cancelOffer(UUID)} with per-call options. */
    public TransferCancelled cancelOffer(UUID transferId, RequestOptions options) {
        return transport.call(
                "POST",
                offerPath(transferId) + "/cancel",
                null,
                options,
                Transport.Auth.REQUIRED,
                TransferCancelled.class);
    }

    private String offerPath(UUID transferId) {
        Objects.requireNonNull(transferId, "transferId");
        return hubPath + "/ownership-transfer/" + ApiKeyService.id(transferId);
    }

    record OfferBody(UUID userId) {}
}
