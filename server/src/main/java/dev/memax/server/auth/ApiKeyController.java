package dev.memax.server.auth;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ArrayPage;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.List;

/** {@code /v1/auth/api-keys}: the caller's own API keys. */
@Controller("/v1/auth/api-keys")
public class ApiKeyController {
    private final ApiKeyService keys;

    public ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Post
    public HttpResponse<Envelope<ApiKeyView.WithKey>> create(
            Caller caller, @Valid @Body AuthRequests.CreateApiKey request) {
        return AuthController.noStore(
                HttpResponse.created(Envelope.of(ApiKeyView.WithKey.of(keys.create(caller, request)))));
    }

    @Get
    public HttpResponse<Envelope<List<ApiKeyView>>> list(
            Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return ArrayPage.of(keys.list(caller, PageRequest.of(limit, cursor)));
    }

    @Patch("/{id}")
    public Envelope<ApiKeyView> update(
            Caller caller, @PathVariable String id, @Valid @Body AuthRequests.UpdateApiKey request) {
        return Envelope.of(keys.update(caller, id, request));
    }

    @Delete("/{id}")
    public Envelope<ApiKeyService.Deleted> delete(Caller caller, @PathVariable String id) {
        return Envelope.of(keys.delete(caller, id));
    }
}
