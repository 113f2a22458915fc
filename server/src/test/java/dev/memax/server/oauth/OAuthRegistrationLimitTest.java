package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dynamic registration needs no credentials and writes a row: each address gets the anonymous
 * heavy bucket (10 a minute by default), and the refusal is in OAuth's format.
 */
class OAuthRegistrationLimitTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.rate-limits.enabled", true)
            .property("memax.rate-limits.anonymous-heavy", 3)
            // Redis is shared by every test class: this class's buckets are its own.
            .property("memax.rate-limits.key-prefix", "memax-test:" + UUID.randomUUID() + ":");

    @Test
    void registrationsPerAddressAreLimited() {
        String body = "{\"redirect_uris\": [\"https://app.example/cb\"]}";
        for (int i = 0; i < 3; i++) {
            Http.Result created = SERVER.http().postJson("/oauth/register", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        Http.Result refused = SERVER.http().postJson("/oauth/register", body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(refused.json().path("error_description").asText()).isNotBlank();
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM oauth_clients"))
                .isEqualTo(3);
    }
}
