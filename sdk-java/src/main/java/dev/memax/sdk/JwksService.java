package dev.memax.sdk;

import dev.memax.sdk.models.Jwks;

/** The public keys that verify Memax access tokens: {@code /.well-known/jwks.json}. */
public final class JwksService {
    private final Transport transport;

    JwksService(Transport transport) {
        this.transport = transport;
    }

    /** The key set. Public; the answer is a standard JWKS, not enveloped. */
    public Jwks get() {
        return get(RequestOptions.NONE);
    }

    /** {@link #get()} with per-call options. */
    public Jwks get(RequestOptions options) {
        return transport.callRaw("GET", "/.well-known/jwks.json", options, Transport.Auth.NONE, Jwks.class);
    }
}
