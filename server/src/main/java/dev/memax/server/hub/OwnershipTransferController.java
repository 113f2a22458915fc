package dev.memax.server.hub;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/**
 * Ownership transfer under the Memax SDK's routes ({@code /v1/hubs/{id}/ownership-transfer}, an
 * offer named by its id): the same rules and offers as {@link TransferController}'s
 * {@code /v1/hubs/{id}/transfer}, answered as the SDK's {@code HubOwnershipTransfer}.
 */
@Controller("/v1/hubs/{id}/ownership-transfer")
public class OwnershipTransferController {
    private final OwnershipTransferService transfers;

    public OwnershipTransferController(OwnershipTransferService transfers) {
        this.transfers = transfers;
    }

    /** Body {@code {target_user_id}} (or {@code user_id}). */
    @Post
    public HttpResponse<Envelope<Transfer>> offer(
            Caller caller, @PathVariable String id, @Valid @Body HubRequests.OfferTransfer body) {
        return HttpResponse.created(Envelope.of(transfers.offer(caller, id, body)));
    }

    /** The offer, now with {@code accepted_at}; the caller owns the hub. */
    @Post("/{transfer_id}/accept")
    public Envelope<Transfer> accept(
            Caller caller, @PathVariable String id, @PathVariable("transfer_id") String transferId) {
        return Envelope.of(transfers.accept(caller, id, transferId).transfer());
    }

    /** Withdrawn (by an owner) or declined (by the offered member). */
    @Post("/{transfer_id}/cancel")
    public Envelope<OwnershipTransferService.Cancelled> cancel(
            Caller caller, @PathVariable String id, @PathVariable("transfer_id") String transferId) {
        return Envelope.of(transfers.cancel(caller, id, transferId));
    }
}
