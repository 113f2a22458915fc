package dev.memax.server.oauth;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.Page;
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

/** {@code /v1/admin/oauth-clients}: clients an admin registers in advance, and every registered client (admins only). */
@Controller("/v1/admin/oauth-clients")
public class OAuthClientController {
    private final OAuthClientService clients;

    public OAuthClientController(OAuthClientService clients) {
        this.clients = clients;
    }

    @Post
    public HttpResponse<Envelope<OAuthClient>> create(Caller caller, @Valid @Body CreateOAuthClient body) {
        return HttpResponse.created(Envelope.of(clients.registerByAdmin(caller, body)));
    }

    @Get
    public Envelope<Page<OAuthClient>> list(
            Caller caller,
            @Nullable @QueryValue String registration,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(clients.list(caller, registration, PageRequest.of(limit, cursor)));
    }

    @Delete("/{clientId}")
    public Envelope<OAuthClientService.Deleted> delete(Caller caller, @PathVariable String clientId) {
        return Envelope.of(clients.delete(caller, clientId));
    }
}
