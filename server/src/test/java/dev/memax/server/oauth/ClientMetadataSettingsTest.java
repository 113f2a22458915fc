package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.MemaxServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** memax.oauth.client-metadata binds from application.yml (defaults) and overrides, and the beans wire. */
class ClientMetadataSettingsTest {

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.oauth.client-metadata.max-bytes", 2048)
            .property("memax.oauth.client-metadata.max-cache-ttl", "2h");

    @Test
    void settingsBindWithTheirDefaultsAndTheFetcherIsABean() {
        ClientMetadataSettings settings = SERVER.server().bean(ClientMetadataSettings.class);

        assertThat(settings)
                .isEqualTo(new ClientMetadataSettings(
                        false, 2048, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(2), false));
        ClientMetadataFetcher fetcher = SERVER.server().bean(ClientMetadataFetcher.class);
        assertThat(fetcher.isDocumentUrl("http://client.example.com/client.json"))
                .isFalse();
        assertThat(SERVER.server().bean(ClientMetadataCache.class)).isNotNull();
    }
}
