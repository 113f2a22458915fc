package dev.memax.sdk;

import dev.memax.sdk.models.Settings;
import dev.memax.sdk.params.SettingsUpdateParams;
import java.util.Map;
import java.util.Objects;

/** The caller's free-form settings: {@code /v1/settings}. */
public final class SettingsService {
    private final Transport transport;

    SettingsService(Transport transport) {
        this.transport = transport;
    }

    /** The settings. {@code GET /v1/settings}. */
    public Settings get() {
        return get(RequestOptions.NONE);
    }

    /** {@link #get()} with per-call options. */
    public Settings get(RequestOptions options) {
        return transport.call("GET", "/v1/settings", null, options, Transport.Auth.REQUIRED, Settings.class);
    }

    /**
     * Merges keys into the settings (a key set to null is removed) and answers the result.
     * {@code PATCH /v1/settings}.
     *
     * @throws dev.memax.sdk.errors.ApiException {@code payload_too_large} when the merged
     *                                           settings exceed 16 KB
     */
    public Settings update(SettingsUpdateParams params) {
        return update(params, RequestOptions.NONE);
    }

    /** {@link #update(SettingsUpdateParams)} from a map (a null value removes its key). */
    public Settings update(Map<String, ?> settings) {
        return update(SettingsUpdateParams.builder().setAll(settings).build(), RequestOptions.NONE);
    }

    /** {@link #update(SettingsUpdateParams)} with per-call options. */
    public Settings update(SettingsUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("PATCH", "/v1/settings", params, options, Transport.Auth.REQUIRED, Settings.class);
    }
}
