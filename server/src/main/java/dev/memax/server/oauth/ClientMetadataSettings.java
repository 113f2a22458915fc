package dev.memax.server.oauth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code memax.oauth.client-metadata.*} (README, "Configuration"): how Client ID Metadata Documents
 * (an {@code https://} URL used as an OAuth {@code client_id}) are fetched. A missing value takes its default.
 *
 * @param allowPrivateAddresses MEMAX_OAUTH_CIMD_ALLOW_PRIVATE_ADDRESSES: fetch from loopback, private,
 *                              link-local and other non-public addresses (default false; development and tests only)
 * @param maxBytes              MEMAX_OAUTH_CIMD_MAX_BYTES: largest document body read (default 5120)
 * @param timeout               MEMAX_OAUTH_CIMD_TIMEOUT: the whole fetch, connect to last byte (default 5s)
 * @param defaultCacheTtl       MEMAX_OAUTH_CIMD_DEFAULT_CACHE_TTL: how long a document without
 *                              {@code Cache-Control: max-age} is kept (default 1h)
 * @param maxCacheTtl           MEMAX_OAUTH_CIMD_MAX_CACHE_TTL: the longest a document is kept, whatever it says (default 24h)
 * @param allowHttp             MEMAX_OAUTH_CIMD_ALLOW_HTTP: accept {@code http://} client ids (default false; tests only)
 */
@ConfigurationProperties("memax.oauth.client-metadata")
public record ClientMetadataSettings(Boolean allowPrivateAddresses, Integer maxBytes, Duration timeout,
                                     Duration defaultCacheTtl, Duration maxCacheTtl, Boolean allowHttp) {

    public ClientMetadataSettings {
        allowPrivateAddresses = allowPrivateAddresses != null && allowPrivateAddresses;
        allowHttp = allowHttp != null && allowHttp;
        maxBytes = maxBytes == null ? 5120 : maxBytes;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        defaultCacheTtl = defaultCacheTtl == null ? Duration.ofHours(1) : defaultCacheTtl;
        maxCacheTtl = maxCacheTtl == null ? Duration.ofHours(24) : maxCacheTtl;
        if (maxBytes <= 0) {
            throw new IllegalStateException("MEMAX_OAUTH_CIMD_MAX_BYTES must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("MEMAX_OAUTH_CIMD_TIMEOUT must be positive");
        }
        if (defaultCacheTtl.isNegative() || maxCacheTtl.isNegative()) {
            throw new IllegalStateException("MEMAX_OAUTH_CIMD_DEFAULT_CACHE_TTL and MEMAX_OAUTH_CIMD_MAX_CACHE_TTL "
                    + "must not be negative");
        }
    }

    /** The production defaults (https only, public addresses only). */
    public static ClientMetadataSettings defaults() {
        return new ClientMetadataSettings(null, null, null, null, null, null);
    }
}
