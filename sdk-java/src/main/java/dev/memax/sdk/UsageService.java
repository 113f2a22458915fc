package dev.memax.sdk;

import dev.memax.sdk.models.Usage;

/** The caller's usage this period against the plan: {@code /v1/usage}. */
public final class UsageService {
    private final Transport transport;

    UsageService(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /v1/usage}. A request over a quota throws {@link dev.memax.sdk.errors.QuotaExceededException}. */
    public Usage get() {
        return get(RequestOptions.NONE);
    }

    /** {@link #get()} with per-call options. */
    public Usage get(RequestOptions options) {
        return transport.call("GET", "/v1/usage", null, options, Transport.Auth.REQUIRED, Usage.class);
    }
}
