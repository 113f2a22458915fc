package dev.memax.sdk;

import dev.memax.sdk.models.ApiKey;
import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.params.ApiKeyCreateParams;
import dev.memax.sdk.params.ApiKeyUpdateParams;
import dev.memax.sdk.params.ListParams;
import java.util.Objects;
import java.util.UUID;

/**
 * The caller's API keys: {@code /v1/auth/api-keys}. These routes need an access token or an
 * API key without a hub restriction.
 */
public final class ApiKeyService {
    private final Transport transport;

    ApiKeyService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a key. The answer is the only one that carries the secret ({@link ApiKey#key()}).
     * {@code POST /v1/auth/api-keys}.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException a scope the caller lacks, or a
     *                                                         hub-restricted caller
     * @throws dev.memax.sdk.errors.NotFoundException         a named hub the caller cannot see
     */
    public ApiKey create(ApiKeyCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(ApiKeyCreateParams)} with per-call options. */
    public ApiKey create(ApiKeyCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", "/v1/auth/api-keys", params, options, Transport.Auth.REQUIRED, ApiKey.class);
    }

    /** The caller's keys, newest first (first page, default size). {@code GET /v1/auth/api-keys}. */
    public Page<ApiKey> list() {
        return list(ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** {@link #list()} with a page size or cursor. */
    public Page<ApiKey> list(ListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /** {@link #list(ListParams)} with per-call options. */
    public Page<ApiKey> list(ListParams params, RequestOptions options) {
        return transport.page("/v1/auth/api-keys", "api_keys", params, options, ApiKey.class);
    }

    /** Renames a key or changes its agent name. {@code PATCH /v1/auth/api-keys/{id}}. */
    public ApiKey update(UUID id, ApiKeyUpdateParams params) {
        return update(id, params, RequestOptions.NONE);
    }

    /** {@link #update(UUID, ApiKeyUpdateParams)} with per-call options. */
    public ApiKey update(UUID id, ApiKeyUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call(
                "PATCH", "/v1/auth/api-keys/" + id(id), params, options, Transport.Auth.REQUIRED, ApiKey.class);
    }

    /** Deletes a key: it stops working at once. {@code DELETE /v1/auth/api-keys/{id}}. */
    public Deleted delete(UUID id) {
        return delete(id, RequestOptions.NONE);
    }

    /** {@link #delete(UUID)} with per-call options. */
    public Deleted delete(UUID id, RequestOptions options) {
        return transport.call(
                "DELETE", "/v1/auth/api-keys/" + id(id), null, options, Transport.Auth.REQUIRED, Deleted.class);
    }

    static String id(UUID id) {
        return Objects.requireNonNull(id, "id").toString();
    }
}
