package dev.memax.server.auth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify access tokens, as a raw JWK
 * Set (RFC 7517, not enveloped, so standard JOSE libraries can read it). Outside {@code /v1},
 * so no credentials are asked for. Cached briefly: a rotated key appears within minutes, and
 * the previous key keeps verifying for longer than that.
 */
@Controller
public class JwksController {
    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get("/.well-known/jwks.json")
    @Produces({MediaType.APPLICATION_JSON, "application/jwk-set+json"})
    public HttpResponse<String> jwks() {
        // JWKSet.toString() renders public parameters only.
        return HttpResponse.ok(keys.publicSet().toString(true))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300");
    }
}
