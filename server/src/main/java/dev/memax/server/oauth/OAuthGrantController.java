package dev.memax.server.oauth;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/auth/oauth-grants}: the OAuth clients the caller consented to, and withdrawing that consent. */
@Controller("/v1/auth/oauth-grants")
public class OAuthGrantController {
    private final OAuthGrantService grants;

    public OAuthGrantController(OAuthGrantService grants) {
        this.grants = grants;
    }

    @Get
    public Envelope<Page<OAuthGrant>> list(
            Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return Envelope.of(grants.list(caller, PageRequest.of(limit, cursor)));
    }

    @Delete("/{id}")
    public Envelope<OAuthGrantService.Revoked> revoke(Caller caller, @PathVariable String id) {
        return Envelope.of(grants.revoke(caller, id));
    }
}
