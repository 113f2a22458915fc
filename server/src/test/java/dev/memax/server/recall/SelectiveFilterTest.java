package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub holding 1 % of 10,000 chunks gets its true nearest chunks, with the default settings
 * (a small hub is scanned exactly); {@link SelectiveFilterHnswTest} forces the HNSW index.
 */
class SelectiveFilterTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    static TestUser ada;

    @BeforeAll
    static void seed() {
        HubApi api = new HubApi(SERVER);
        ada = api.user("ada");
        TestUser crowd = api.user("crowd");
        SelectiveData.fill(SERVER, crowd.personalHubId(), crowd.id(), 9_900, "rare", 1_000);
        SelectiveData.fill(SERVER, ada.personalHubId(), ada.id(), 100, "rare", 20);
    }

    static JsonNode recall(MemaxServerExtension server, TestUser as, String extra) {
        Http.Result result = server.http()
                .send(
                        "POST",
                        "/v1/recall",
                        "{\"query\": \"" + SelectiveData.QUERY + "\", \"mode\": \"semantic\", \"limit\": 10" + extra
                                + "}",
                        "Authorization",
                        as.bearer(),
                        "Content-Type",
                        "application/json");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.path("memories").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    @Test
    void aSmallHubIsScannedExactlyAndGetsItsTrueTopTen() {
        JsonNode data = recall(SERVER, ada, "");
        assertThat(data.at("/query_metadata/vector_search").asText()).isEqualTo("exact");
        assertThat(ids(data)).containsExactlyElementsOf(SelectiveData.exactTop(SERVER, ada.personalHubId(), null, 10));
    }

    @Test
    void aSelectiveTagInsideTheSmallHubToo() {
        JsonNode data = recall(SERVER, ada, ", \"tags\": [\"rare\"]");
        assertThat(ids(data))
                .hasSize(5)
                .containsExactlyElementsOf(SelectiveData.exactTop(SERVER, ada.personalHubId(), "rare", 10));
    }
}
