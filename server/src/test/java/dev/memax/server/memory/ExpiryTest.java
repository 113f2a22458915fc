package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** expires_at / expires_in: expired memories vanish unless asked for, and are purged after the retention. */
class ExpiryTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.memories.expired-retention", "1h")
            .property("memax.memories.purge-interval", "1s");

    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    private static void expire(UUID id, String ago) {
        SERVER.database()
                .execute("UPDATE memories SET expires_at = now() - interval '" + ago + "' WHERE id = '" + id + "'");
    }

    private static List<String> listed(String query) {
        List<String> ids = new ArrayList<>();
        api.getOk(ada, "/v1/memories" + query)
                .path("memories")
                .forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    @Test
    void expiredMemoriesVanishFromListGetAndRelatedUnlessAskedFor() {
        UUID kept = api.createContent(ada, "The staging database is called orca.");
        UUID gone = UUID.fromString(
                api.create(ada, json("content", "The staging database is called orca, for now.", "expires_in", "30m"))
                        .path("id")
                        .asText());
        assertThat(listed("")).contains(gone.toString());
        expire(gone, "1 second");

        assertThat(listed("")).contains(kept.toString()).doesNotContain(gone.toString());
        assertThat(listed("?include_expired=true")).contains(kept.toString(), gone.toString());
        assertThat(api.getOk(ada, "/v1/memories").path("total").asLong())
                .isEqualTo(api.count("SELECT count(*) FROM memories WHERE owner_id = '" + ada.id()
                        + "' AND (expires_at IS NULL OR expires_at > now())"));
        assertThat(api.getOk(ada, "/v1/memories?include_expired=true")
                        .path("total")
                        .asLong())
                .isEqualTo(api.count("SELECT count(*) FROM memories WHERE owner_id = '" + ada.id() + "'"));
        assertError(api.get(ada, "/v1/memories/" + gone), 404, "not_found");
        assertThat(api.getOk(ada, "/v1/memories/" + gone + "?include_expired=true")
                        .path("id")
                        .asText())
                .isEqualTo(gone.toString());
        assertError(api.get(ada, "/v1/memories/" + gone + "/related"), 404, "not_found");

        List<String> related = new ArrayList<>();
        api.getOk(ada, "/v1/memories/" + kept + "/related")
                .forEach(m -> related.add(m.path("id").asText()));
        assertThat(related).doesNotContain(gone.toString());
        List<String> relatedWithExpired = new ArrayList<>();
        api.getOk(ada, "/v1/memories/" + kept + "/related?include_expired=true")
                .forEach(m -> relatedWithExpired.add(m.path("id").asText()));
        assertThat(relatedWithExpired).contains(gone.toString());

        // Still reachable to change: history, and a PATCH that revives it.
        assertThat(api.get(ada, "/v1/memories/" + gone + "/history").status()).isEqualTo(200);
        Http.Result revived = api.send(ada, "PATCH", "/v1/memories/" + gone, "{\"expires_at\": null}");
        assertThat(revived.status()).as(revived.toString()).isEqualTo(200);
        assertThat(listed("")).contains(gone.toString());
    }

    @Test
    void expiresAtIsStoredAsSent() {
        JsonNode m = api.create(ada, json("content", "until 2099", "expires_at", "2099-01-02T03:04:05.123456+02:00"));
        assertThat(m.path("expires_at").asText()).isEqualTo("2099-01-02T01:04:05.123456Z");
    }

    @Test
    void memoriesExpiredLongerThanTheRetentionArePurged() throws InterruptedException {
        UUID old = api.createContent(ada, "purge me");
        UUID recent = api.createContent(ada, "keep me a while");
        expire(old, "2 hours");
        expire(recent, "10 minutes");
        long deadline = System.currentTimeMillis() + 20_000;
        while (api.count("SELECT count(*) FROM memories WHERE id = '" + old + "'") > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(api.count("SELECT count(*) FROM memories WHERE id = '" + old + "'"))
                .isZero();
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + old + "'"))
                .isZero();
        assertThat(api.count("SELECT count(*) FROM memories WHERE id = '" + recent + "'"))
                .isEqualTo(1);
    }
}
