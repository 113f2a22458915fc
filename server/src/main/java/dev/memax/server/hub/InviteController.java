package dev.memax.server.hub;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.PublicRoute;
import dev.memax.server.platform.ArrayPage;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.List;

/**
 * Invites: managed under {@code /v1/hubs/{id}/invites}, redeemed under {@code /v1/invites/{token}}.
 * Rules live in {@link InviteService}.
 */
@Controller("/v1")
public class InviteController {
    private final InviteService invites;

    public InviteController(InviteService invites) {
        this.invites = invites;
    }

    @Post("/hubs/{id}/invites")
    public HttpResponse<Envelope<InviteService.InviteView>> create(
            Caller caller, @PathVariable String id, @Valid @Body HubRequests.CreateInvite body) {
        return HttpResponse.created(Envelope.of(invites.create(caller, id, body)));
    }

    @Get("/hubs/{id}/invites")
    public HttpResponse<Envelope<List<InviteService.InviteView>>> list(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return ArrayPage.of(invites.list(caller, id, PageRequest.of(limit, cursor)));
    }

    @Delete("/hubs/{id}/invites/{invite_id}")
    public Envelope<InviteService.InviteView> revoke(
            Caller caller, @PathVariable String id, @PathVariable("invite_id") String inviteId) {
        return Envelope.of(invites.revoke(caller, id, inviteId));
    }

    @Post("/hubs/{id}/invites/{invite_id}/regenerate")
    public Envelope<InviteService.InviteView> regenerate(
            Caller caller,
            @PathVariable String id,
            @PathVariable("invite_id") String inviteId,
            @Nullable @Valid @Body HubRequests.RegenerateInvite body) {
        return Envelope.of(invites.regenerate(caller, id, inviteId, body));
    }

    @Post("/hubs/{id}/invites/{invite_id}/resend")
    public Envelope<InviteService.Resent> resend(
            Caller caller, @PathVariable String id, @PathVariable("invite_id") String inviteId) {
        return Envelope.of(invites.resend(caller, id, inviteId));
    }

    @PublicRoute
    @Get("/invites/{token}")
    public Envelope<InviteService.InvitePreview> preview(@PathVariable String token) {
        return Envelope.of(invites.preview(token));
    }

    @Post("/invites/{token}/accept")
    public Envelope<HubEntry> accept(Caller caller, @PathVariable String token) {
        return Envelope.of(invites.acceptAs(caller, token));
    }
}
