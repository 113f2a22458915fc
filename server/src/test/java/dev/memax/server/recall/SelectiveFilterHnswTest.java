package dev.memax.server.recall;

import static dev.memax.server.recall.SelectiveFilterTest.ids;
import static dev.memax.server.recall.SelectiveFilterTest.recall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SelectiveFilterTest}'s data with the exact scan switched off, so the HNSW index must
 * answer: a hub holding 1 % of 10,000 chunks still gets its nearest chunks, because pgvector's
 * iterative scan walks on until enough rows pass the filter (a plain post-filtered scan of the
 * ef_search nearest rows would find almost none of them).
 */
class SelectiveFilterHnswTest {
    @RegisterExtension
    static final MemaxServerExtension FORCED = new MemaxServerExtension()
            .property("memax.recall.exact-scan-max-chunks", 0)
            .property("memax.recall.candidates", 20);

    static TestUser ada;
    static TestUser crowd;

    @BeforeAll
    static void seed() {
        HubApi api = new HubApi(FORCED);
        ada = api.user("ada");
        crowd = api.user("crowd");
        SelectiveData.fill(FORCED, crowd.personalHubId(), crowd.id(), 9_900, "rare", 1_000);
        SelectiveData.fill(FORCED, ada.personalHubId(), ada.id(), 100, "rare", 20);
    }

    @Test
    void theIterativeScanFindsTheSmallHubsNearestChunks() {
        JsonNode data = recall(FORCED, ada, "");
        assertThat(data.at("/query_metadata/vector_search").asText()).isEqualTo("hnsw");
        List<String> truth = SelectiveData.exactTop(FORCED, ada.personalHubId(), null, 10);
        List<String> found = ids(data);
        assertThat(found).hasSize(10);
        // Approximate search, relaxed order: at least 9 of the true 10 (the usual HNSW recall).
        assertThat(found.stream().filter(truth::contains).count())
                .as("found %s, truth %s", found, truth)
                .isGreaterThanOrEqualTo(9);
        assertThat(found.get(0)).isEqualTo(truth.get(0));
    }

    @Test
    void aFilterTooSelectiveForTheIndexFallsBackToAnExactScan() {
        // 9 tagged rows among 9,900 in the crowd's hub: fewer than the 20 candidates wanted.
        JsonNode data = recall(FORCED, crowd, ", \"tags\": [\"rare\"]");
        assertThat(data.at("/query_metadata/vector_search").asText()).isEqualTo("exact");
        assertThat(ids(data))
                .containsExactlyElementsOf(SelectiveData.exactTop(FORCED, crowd.personalHubId(), "rare", 10));
    }
}
