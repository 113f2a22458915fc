package dev.memax.server.hub;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.platform.Envelope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/** Ownership transfer: {@code /v1/hubs/{id}/transfer}. Rules live in {@link OwnershipTransferService}. */
@Controller("/v1/hubs/{id}/transfer")
public class TransferController {
    private final OwnershipTransferService transfers;

    public TransferController(OwnershipTransferService transfers) {
        this.transfers = transfers;
    }

    @Post
    public HttpResponse<Envelope<Transfer>> offer(
            Caller caller, @PathVariable String id, @Valid @Body HubRequests.OfferTransfer body) {
        return HttpResponse.created(Envelope.of(transfers.offer(caller, id, body)));
    }

    @Get
    public Envelope<Transfer> get(Caller caller, @PathVariable String id) {
        return Envelope.of(transfers.get(caller, id));
    }

    @Post("/accept")
    public Envelope<HubEntry> accept(Caller caller, @PathVariable String id) {
        return Envelope.of(transfers.accept(caller, id));
    }

    @Delete
    public Envelope<OwnershipTransferService.Cancelled> cancel(Caller caller, @PathVariable String id) {
        return Envelope.of(transfers.cancel(caller, id));
    }
}
