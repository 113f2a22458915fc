package dev.memax.server.oauth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code memax.oauth.client-metadata.*} (README, "Configuration"): how Client ID Metadata Documents
 * (an {@code https://} URL used as an OAuth {@code client_id}) are fetched. The defaults are in
 * application.yml (as for the other settings records).
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
public record ClientMetadataSettings(
        boolean allowPrivateAddresses,
        int maxBytes,
        Duration timeout,
        Duration defaultCacheTtl,
        Duration maxCacheTtl,
        boolean allowHttp) {

    public ClientMetadataSettings {
        if (maxBytes <= 0) {
            throw new IllegalStateException("MEMAX_OAUTH_CIMD_MAX_BYTES must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("MEMAX_OAUTH_CIMD_TIMEOUT must be positive");
        }
        if (defaultCacheTtl == null
                || maxCacheTtl == null
                || defaultCacheTtl.isNegative()
                || maxCacheTtl.isNegative()) {
            throw new IllegalStateException(
                    "MEMAX_OAUTH_CIMD_DEFAULT_CACHE_TTL and MEMAX_OAUTH_CIMD_MAX_CACHE_TTL " + "must not be negative");
        }
    }
}
