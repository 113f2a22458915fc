package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/memories: every filter, every sort, keyset pagination (also under concurrent inserts) and total. */
class ListTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;
    private static UUID team;
    private static UUID topic;
    /** Ada's memories of the fixture, oldest first, by title. */
    private static final List<String> ALL = new ArrayList<>();

    private static Instant middle;

    @BeforeAll
    static void fixture() throws InterruptedException {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
        team = api.hubs.createHub(ada, "List team");
        Http.Result created = api.post(ada, "/v1/topics", json("name", "Listed"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        topic = UUID.fromString(created.json().at("/data/id").asText());
        add(
                "a",
                json(
                        "content",
                        "alpha",
                        "title",
                        "a",
                        "kind",
                        "episodic",
                        "tags",
                        List.of("x", "y"),
                        "source",
                        "slack"));
        add("b", json("content", "beta", "title", "b", "kind", "semantic", "tags", List.of("x"), "pinned", true));
        add(
                "c",
                json(
                        "content",
                        "gamma",
                        "title",
                        "c",
                        "kind",
                        "procedural",
                        "tags",
                        List.of("y"),
                        "hub_id",
                        team.toString()));
        Thread.sleep(5);
        middle = Instant.now();
        Thread.sleep(5);
        add(
                "d",
                json(
                        "content",
                        "delta",
                        "title",
                        "d",
                        "kind",
                        "rationale",
                        "source",
                        "slack",
                        "hub_id",
                        team.toString()));
        add("e", json("content", "epsilon", "title", "e", "tags", List.of("x", "y", "z"), "pinned", true));
        add("f", json("content", "zeta", "title", "f", "expires_in", "1h"));
        String f = id("f");
        SERVER.database()
                .execute("UPDATE memories SET expires_at = now() - interval '1 minute' WHERE id = '" + f + "'");
        String e = id("e");
        api.send(ada, "PATCH", "/v1/memories/" + e, "{\"state\": \"archived\", \"topic_id\": \"" + topic + "\"}");
        String b = id("b");
        api.send(ada, "PATCH", "/v1/memories/" + b, "{\"summary\": \"touched last\"}");
        // Someone else's memories never show up.
        TestUser bob = api.user("bob");
        api.create(bob, json("content", "bob's", "tags", List.of("x"), "source", "slack"));
    }

    private static final java.util.Map<String, String> IDS = new java.util.HashMap<>();

    private static void add(String title, String body) {
        IDS.put(title, api.create(ada, body).path("id").asText());
        ALL.add(title);
    }

    private static String id(String title) {
        return IDS.get(title);
    }

    private static List<String> titles(String query) {
        JsonNode page = api.getOk(ada, "/v1/memories" + query);
        List<String> titles = new ArrayList<>();
        page.path("memories").forEach(m -> titles.add(m.path("title").asText()));
        assertThat(page.path("total").asLong()).as("total of " + query).isEqualTo(titles.size());
        return titles;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void defaultIsNewestFirstAcrossReadableHubsWithoutExpired() {
        JsonNode page = api.getOk(ada, "/v1/memories");
        assertThat(page.path("has_more").asBoolean()).isFalse();
        assertThat(page.path("next_cursor").asText()).isEmpty();
        assertThat(titles("")).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void sorts() {
        assertThat(titles("?sort=newest")).containsExactly("e", "d", "c", "b", "a");
        assertThat(titles("?sort=oldest")).containsExactly("a", "b", "c", "d", "e");
        assertThat(titles("?sort=updated")).containsExactly("b", "e", "d", "c", "a");
        assertError(api.get(ada, "/v1/memories?sort=random"), 422, "validation_failed");
    }

    @Test
    void everyFilter() {
        assertThat(titles("?hub_id=" + team)).containsExactly("d", "c");
        assertThat(titles("?hub_id=" + ada.personalHubId())).containsExactly("e", "b", "a");
        assertThat(titles("?kind=episodic")).containsExactly("a");
        assertThat(titles("?kind=rationale")).containsExactly("d");
        assertThat(titles("?topic_id=" + topic)).containsExactly("e");
        assertThat(titles("?tags=x")).containsExactly("e", "b", "a");
        assertThat(titles("?tags=x,y")).as("every tag").containsExactly("e", "a");
        assertThat(titles("?tags=x&tags=z")).containsExactly("e");
        assertThat(titles("?source=slack")).containsExactly("d", "a");
        assertThat(titles("?state=archived")).containsExactly("e");
        assertThat(titles("?state=active")).containsExactly("d", "c", "b", "a");
        assertThat(titles("?pinned=true")).containsExactly("e", "b");
        assertThat(titles("?pinned=false")).containsExactly("d", "c", "a");
        assertThat(titles("?created_after=" + enc(middle.toString()))).containsExactly("e", "d");
        assertThat(titles("?created_before=" + enc(middle.toString()))).containsExactly("c", "b", "a");
        assertThat(titles("?include_expired=true")).containsExactly("f", "e", "d", "c", "b", "a");
        assertThat(titles("?include_expired=true&sort=oldest&tags=x&pinned=true&hub_id=" + ada.personalHubId()))
                .containsExactly("b", "e");
        assertThat(titles("?kind=semantic&source=nowhere")).isEmpty();
    }

    /** The same window as recall's: created_after is inclusive, created_before exclusive. */
    @Test
    void creationWindowIsHalfOpen() {
        String at = api.getOk(ada, "/v1/memories/" + id("d")).path("created_at").asText();
        assertThat(titles("?created_after=" + enc(at))).as("at or after").containsExactly("e", "d");
        assertThat(titles("?created_before=" + enc(at))).as("strictly before").containsExactly("c", "b", "a");
        assertThat(titles("?created_after=" + enc(at) + "&created_before=" + enc(at)))
                .isEmpty();
        String day = at.substring(0, 10);
        assertThat(titles("?created_after=" + day)).as("a date means its start").contains("e", "d");
        assertThat(titles("?kind=Rationale"))
                .as("kinds read as recall reads them")
                .containsExactly("d");
    }

    @Test
    void invalidFiltersAre422AndUnreadableHubs404() {
        Http.Result bad = api.get(
                ada,
                "/v1/memories?kind=dream&state=gone&pinned=maybe&created_after=yesterday"
                        + "&topic_id=x&hub_id=y&include_expired=sure");
        assertError(bad, 422, "validation_failed");
        assertThat(bad.json().at("/error/details/fields"))
                .extracting(JsonNode::toString)
                .isNotNull();
        List<String> fields = new ArrayList<>();
        bad.json().at("/error/details/fields").fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "kind", "state", "pinned", "created_after", "topic_id", "hub_id", "include_expired");
        assertError(api.get(ada, "/v1/memories?hub_id=" + UUID.randomUUID()), 404, "not_found");
        TestUser bob = api.user("bob-list");
        assertError(api.get(bob, "/v1/memories?hub_id=" + team), 404, "not_found");
        assertError(api.get(ada, "/v1/memories?limit=0"), 422, "validation_failed");
        assertError(api.get(ada, "/v1/memories?limit=101"), 422, "validation_failed");
        assertError(api.get(ada, "/v1/memories?cursor=abc.def"), 400, "bad_request");
    }

    @Test
    void pagesWalkEverySortWithoutGapsOrRepeats() {
        for (String sort : List.of("newest", "oldest", "updated")) {
            List<String> expected = titles("?sort=" + sort);
            List<String> walked = new ArrayList<>();
            String cursor = "";
            int pages = 0;
            do {
                JsonNode page = api.getOk(ada, "/v1/memories?limit=2&sort=" + sort + "&cursor=" + enc(cursor));
                page.path("memories").forEach(m -> walked.add(m.path("title").asText()));
                assertThat(page.path("total").asLong()).isEqualTo(5);
                cursor = page.path("next_cursor").asText();
                pages++;
            } while (!cursor.isEmpty());
            assertThat(walked).as(sort).isEqualTo(expected);
            assertThat(pages).isEqualTo(3);
        }
        String newestCursor =
                api.getOk(ada, "/v1/memories?limit=2").path("next_cursor").asText();
        assertError(
                api.get(
                        ada,
                        "/v1/memories?limit=2&cursor=" + newestCursor.substring(0, newestCursor.length() - 2) + "xx"),
                400,
                "bad_request");
    }

    @Test
    void paginationUnderConcurrentInsertsNeverSkipsOrRepeats() throws Exception {
        TestUser walker = api.user("walker");
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            existing.add(api.createContent(walker, "seed " + i).toString());
        }
        for (String sort : List.of("newest", "oldest")) {
            List<String> seen = new ArrayList<>();
            JsonNode first = api.getOk(walker, "/v1/memories?limit=4&sort=" + sort);
            first.path("memories").forEach(m -> seen.add(m.path("id").asText()));
            String cursor = first.path("next_cursor").asText();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> inserted = new ConcurrentLinkedQueue<>();
            Thread writer = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    inserted.add(api.createContent(walker, sort + " concurrent " + i++)
                            .toString());
                }
            });
            writer.start();
            int pages = 1;
            try {
                while (!cursor.isEmpty()) {
                    JsonNode page = api.getOk(walker, "/v1/memories?limit=4&sort=" + sort + "&cursor=" + enc(cursor));
                    page.path("memories").forEach(m -> seen.add(m.path("id").asText()));
                    cursor = page.path("next_cursor").asText();
                    if (++pages == 6) {
                        stop.set(true); // let an oldest-first walk reach the end, with every insert committed
                        writer.join();
                    }
                    Thread.sleep(20);
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(new HashSet<>(seen)).as("no repeats (" + sort + ")").hasSameSizeAs(seen);
            assertThat(seen)
                    .as("every row present before the walk (" + sort + ")")
                    .containsAll(existing);
            assertThat(inserted).as("the writer really ran").isNotEmpty();
            if (sort.equals("newest")) {
                assertThat(Collections.disjoint(seen, inserted))
                        .as("newer rows land before the cursor")
                        .isTrue();
            } else {
                assertThat(seen)
                        .as("older-first walks reach rows inserted meanwhile")
                        .containsAll(inserted);
            }
            existing.addAll(inserted);
        }
    }
}
