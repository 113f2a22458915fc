package dev.memax.server.recall;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.models.RecallResult;
import dev.memax.sdk.models.RecalledMemory;
import dev.memax.sdk.params.RecallParams;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /v1/recall over real HTTP: ranking modes, every filter, grouping, threshold, tenancy, access counters. */
class RecallTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER =
            new MemaxServerExtension().property("memax.recall.access-flush-interval", "200ms");

    private static HubApi api;
    private static TestUser ada;
    private static TestUser eve;
    private static UUID team;
    private static MemaxClient client;

    private static UUID deploy;
    private static UUID cats;
    private static UUID espresso;
    private static UUID guide;

    @BeforeAll
    static void seed() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
        eve = api.user("eve");
        team = api.createHub(ada, "Platform");
        client = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(ada.apiKey())
                .build();

        deploy = seed(team, ada)
                .title("Deploying the API")
                .kind("procedural")
                .stability("stable")
                .tags("ops", "prod")
                .source("runbook")
                .chunk("To deploy the API run make deploy; it builds the image and rolls it out to the cluster.")
                .insert();
        cats = seed(ada.personalHubId(), ada)
                .title("Cats")
                .kind("episodic")
                .tags("pets")
                .chunk("My cat Miso sleeps on the keyboard every afternoon and purrs loudly.")
                .insert();
        espresso = seed(ada.personalHubId(), ada)
                .title("Coffee")
                .tags("food")
                .chunk("A good espresso needs finely ground beans, 9 bar of pressure and about 25 seconds.")
                .insert();
        guide = seed(team, ada)
                .title("Handbook")
                .chunk("Welcome to the team handbook. Read it on your first day.", "Handbook")
                .chunk("Vacation requests go to your manager two weeks ahead.", "Handbook", "Time off")
                .chunk(
                        "Database backups run nightly at 02:00 UTC and are kept for thirty days.",
                        "Handbook",
                        "Operations",
                        "Backups")
                .insert();
        // Another tenant's memory, saying the very same thing as ours.
        seed(eve.personalHubId(), eve)
                .title("Eve deploys")
                .chunk("To deploy the API run make deploy; it builds the image and rolls it out to the cluster.")
                .insert();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Seed seed(UUID hub, TestUser owner) {
        return Seed.in(SERVER, hub, owner);
    }

    private static Http.Result recall(TestUser as, String body) {
        return api.send(as, "POST", "/v1/recall", body);
    }

    private static List<String> ids(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        result.json().at("/data/memories").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private static List<UUID> ids(RecallResult result) {
        return result.memories().stream().map(RecalledMemory::id).toList();
    }

    @Test
    void hybridRecallFindsTheMemoryThatAnswersAndShowsEveryField() {
        Http.Result result = recall(
                ada,
                "{\"query\": \"which command builds the image and rolls the API out to the cluster?\", \"no_rerank\": true}");

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().path("data");
        JsonNode first = data.path("memories").get(0);
        assertThat(first.path("id").asText()).isEqualTo(deploy.toString());
        assertThat(first.path("hub_id").asText()).isEqualTo(team.toString());
        assertThat(first.path("title").asText()).isEqualTo("Deploying the API");
        assertThat(first.path("chunk_content").asText()).startsWith("To deploy the API");
        assertThat(first.path("kind").asText()).isEqualTo("procedural");
        assertThat(first.path("stability").asText()).isEqualTo("stable");
        assertThat(first.path("state").asText()).isEqualTo("active");
        assertThat(first.path("source").asText()).isEqualTo("runbook");
        assertThat(first.path("tags")).hasSize(2);
        assertThat(first.path("age").asText()).isEqualTo("just now");
        assertThat(Instant.parse(first.path("created_at").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        double previous = 1;
        for (JsonNode memory : data.path("memories")) {
            double score = memory.path("relevance_score").asDouble();
            assertThat(score).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = score;
        }
        JsonNode meta = data.path("query_metadata");
        assertThat(meta.path("mode").asText()).isEqualTo("hybrid");
        assertThat(meta.path("model").asText()).isNotBlank();
        assertThat(meta.path("vector_search").asText()).isEqualTo("exact");
        assertThat(meta.path("total_candidates").asInt())
                .isGreaterThanOrEqualTo(data.path("memories").size());
        assertThat(meta.path("latency_ms").asDouble())
                .isPositive()
                .isGreaterThanOrEqualTo(meta.path("embedding_ms").asDouble());
        assertThat(meta.path("search_ms").asDouble()).isPositive();
    }

    @Test
    void eachModeRanksByItsOwnSignal() {
        RecallResult semantic = client.recall()
                .search(RecallParams.builder()
                        .query("feline pet napping")
                        .mode(RecallMode.SEMANTIC)
                        .build());
        assertThat(ids(semantic).get(0)).isEqualTo(cats);
        assertThat(semantic.queryMetadata().mode()).isEqualTo(RecallMode.SEMANTIC);
        assertThat(semantic.queryMetadata().embeddingMs()).isPositive();

        // Full text matches words, not meaning: "feline" appears nowhere.
        RecallResult keywordMiss = client.recall()
                .search(RecallParams.builder()
                        .query("feline")
                        .mode(RecallMode.KEYWORD)
                        .build());
        assertThat(keywordMiss.memories()).isEmpty();
        RecallResult keyword = client.recall()
                .search(RecallParams.builder()
                        .query("espresso pressure")
                        .mode(RecallMode.KEYWORD)
                        .build());
        assertThat(ids(keyword)).containsExactly(espresso);
        assertThat(keyword.queryMetadata().embeddingMs()).isZero();
        assertThat(keyword.queryMetadata().vectorSearch()).isEqualTo("none");
        assertThat(keyword.memories().get(0).relevanceScore()).isBetween(0.0, 1.0);

        RecallResult hybrid =
                client.recall().search(RecallParams.builder().query("espresso").build());
        assertThat(ids(hybrid).get(0)).isEqualTo(espresso);
        assertThat(hybrid.queryMetadata().mode()).isEqualTo(RecallMode.HYBRID);
    }

    @Test
    void aMemoryAppearsOnceWithItsBestChunkAndHeadings() {
        Http.Result result = recall(ada, "{\"query\": \"when do database backups run?\", \"limit\": 100}");

        List<String> ids = ids(result);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids.get(0)).isEqualTo(guide.toString());
        JsonNode first = result.json().at("/data/memories/0");
        assertThat(first.path("chunk_content").asText()).contains("backups run nightly");
        assertThat(first.path("headings").toString()).isEqualTo("[\"Handbook\",\"Operations\",\"Backups\"]");
        // Memax's SDK reads heading_chain as one string.
        assertThat(first.path("heading_chain").asText()).isEqualTo("Handbook > Operations > Backups");
    }

    @Test
    void filtersByKindTagsSourceAndTopic() {
        Http.Result created = SERVER.http()
                .postJson(
                        "/v1/topics",
                        "{\"name\": \"Releases\", \"hub_id\": \"" + team + "\"}",
                        "Authorization",
                        ada.bearer());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID topic = UUID.fromString(created.json().at("/data/id").asText());
        UUID inTopic = seed(team, ada)
                .title("Release notes")
                .topic(topic)
                .kind("rationale")
                .source("changelog")
                .tags("ops", "release")
                .chunk("We moved deploys to Tuesdays because Monday traffic peaks.")
                .insert();

        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"kind\": \"procedural\"}")))
                .containsExactly(deploy.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"kind\": \"rationale\"}")))
                .containsExactly(inTopic.toString());
        // tags: every tag named must be present
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"tags\": [\"ops\"]}")))
                .containsExactlyInAnyOrder(deploy.toString(), inTopic.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"tags\": [\"ops\", \"prod\"]}")))
                .containsExactly(deploy.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"tags\": [\"ops\", \"nope\"]}")))
                .isEmpty();
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"sources\": [\"changelog\"]}")))
                .containsExactly(inTopic.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"sources\": [\"changelog\", \"runbook\"]}")))
                .containsExactlyInAnyOrder(inTopic.toString(), deploy.toString());
        // source names the calling client (as the Memax SDK sends "sdk" on every recall): it filters nothing
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"source\": \"sdk\"}")))
                .contains(inTopic.toString(), deploy.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"topic_id\": \"" + topic + "\"}")))
                .containsExactly(inTopic.toString());
        assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"topic_id\": \"" + UUID.randomUUID() + "\"}")))
                .isEmpty();
        // every mode honours the filters
        for (String mode : List.of("semantic", "keyword", "hybrid")) {
            assertThat(ids(recall(ada, "{\"query\": \"deploy\", \"mode\": \"" + mode + "\", \"tags\": [\"release\"]}")))
                    .as(mode)
                    .containsExactly(inTopic.toString());
        }
    }

    @Test
    void filtersByCreationTime() {
        Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID old = seed(team, ada)
                .title("Old deploy")
                .createdAt(longAgo)
                .chunk("Back then we deployed the API by copying jars over FTP.")
                .insert();
        String query = "{\"query\": \"deploy the API\", \"limit\": 100";

        List<String> before = ids(recall(ada, query + ", \"created_before\": \"" + longAgo.plusSeconds(1) + "\"}"));
        assertThat(before).containsExactly(old.toString());
        assertThat(ids(recall(ada, query + ", \"created_before\": \"" + longAgo + "\"}")))
                .isEmpty();
        List<String> after = ids(recall(ada, query + ", \"created_after\": \"" + longAgo.plusSeconds(1) + "\"}"));
        assertThat(after).contains(deploy.toString()).doesNotContain(old.toString());
        assertThat(ids(recall(ada, query + ", \"created_after\": \"" + longAgo + "\"}")))
                .contains(old.toString());
        // a bare date means its start (UTC); an offset is honoured
        String day = longAgo.toString().substring(0, 10);
        assertThat(ids(recall(
                        ada,
                        query + ", \"created_after\": \"" + day + "\", \"created_before\": \""
                                + longAgo.plus(1, ChronoUnit.DAYS).toString().substring(0, 10) + "\"}")))
                .containsExactly(old.toString());
        assertThat(ids(recall(
                        ada,
                        query + ", \"created_before\": \""
                                + longAgo.plusSeconds(1).atOffset(java.time.ZoneOffset.ofHours(2)) + "\"}")))
                .containsExactly(old.toString());
        JsonNode oldResult = recall(ada, query + ", \"created_before\": \"" + longAgo.plusSeconds(1) + "\"}")
                .json()
                .at("/data/memories/0");
        assertThat(oldResult.path("age").asText()).isEqualTo("1 year ago");
    }

    @Test
    void archivedOnlyWhenAskedExpiredAndProcessingNever() {
        UUID archived = seed(team, ada)
                .title("Archived")
                .state("archived")
                .chunk("The zeppelin hangar key hangs behind the reception desk.")
                .insert();
        UUID expired = seed(team, ada)
                .title("Expired")
                .expiresAt(Instant.now().minusSeconds(60))
                .chunk("The zeppelin visit on Friday is cancelled.")
                .insert();
        UUID processing = seed(team, ada)
                .title("Processing")
                .state("processing")
                .chunk("Zeppelin photos from the visit are being uploaded.")
                .insert();
        UUID later = seed(team, ada)
                .title("Expires later")
                .expiresAt(Instant.now().plus(Duration.ofDays(1)))
                .chunk("The zeppelin museum opens at nine.")
                .insert();

        for (String mode : List.of("hybrid", "semantic", "keyword")) {
            String body = "{\"query\": \"zeppelin\", \"limit\": 100, \"mode\": \"" + mode + "\"";
            List<String> plain = ids(recall(ada, body + "}"));
            assertThat(plain)
                    .as(mode)
                    .contains(later.toString())
                    .doesNotContain(archived.toString(), expired.toString(), processing.toString());
            List<String> withArchived = ids(recall(ada, body + ", \"include_archived\": true}"));
            assertThat(withArchived)
                    .as(mode)
                    .contains(later.toString(), archived.toString())
                    .doesNotContain(expired.toString(), processing.toString());
        }
        JsonNode archivedResult = recall(ada, "{\"query\": \"zeppelin hangar key\", \"include_archived\": true}")
                .json()
                .at("/data/memories/0");
        assertThat(archivedResult.path("state").asText()).isEqualTo("archived");
    }

    @Test
    void hubIdsNarrowTheSearch() {
        String query = "{\"query\": \"deploy the API cat espresso handbook\", \"limit\": 100";
        List<String> all = ids(recall(ada, query + "}"));
        assertThat(all).contains(deploy.toString(), cats.toString(), espresso.toString(), guide.toString());

        List<String> personal = ids(recall(ada, query + ", \"hub_ids\": [\"" + ada.personalHubId() + "\"]}"));
        assertThat(personal)
                .contains(cats.toString(), espresso.toString())
                .doesNotContain(deploy.toString(), guide.toString());
        List<String> teamOnly = ids(recall(ada, query + ", \"hub_ids\": [\"" + team + "\"]}"));
        assertThat(teamOnly).contains(deploy.toString(), guide.toString()).doesNotContain(cats.toString());
    }

    @Test
    void hubIdIsARankingHintThatLeavesNothingOut() {
        String query = "{\"query\": \"deploy the API cat espresso handbook\", \"limit\": 100";
        List<String> all = ids(recall(ada, query + "}"));
        // hub_id in the body or X-Hub-ID (what the Memax SDK sends): every readable hub is still searched
        List<String> hinted = ids(recall(ada, query + ", \"hub_id\": \"" + team + "\"}"));
        assertThat(hinted).containsExactlyInAnyOrderElementsOf(all);
        Http.Result byHeader = SERVER.http()
                .postJson(
                        "/v1/recall",
                        query + "}",
                        "Authorization",
                        ada.bearer(),
                        "X-Hub-ID",
                        ada.personalHubId().toString());
        assertThat(ids(byHeader)).containsExactlyInAnyOrderElementsOf(all);
        // hub_ids still narrows; a hint outside them (or unreadable, or malformed) changes nothing
        List<String> narrowed = ids(
                recall(ada, query + ", \"hub_ids\": [\"" + team + "\"], \"hub_id\": \"" + ada.personalHubId() + "\"}"));
        assertThat(narrowed).contains(deploy.toString()).doesNotContain(cats.toString());
        assertThat(ids(recall(ada, query + ", \"hub_id\": \"" + eve.personalHubId() + "\"}")))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(recall(ada, query + ", \"hub_id\": \"not-a-uuid\"}"))).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void anotherTenantsMemoriesNeverAppearAndTheirHubIsNotFound() {
        // Eve's memory says exactly what Ada's does: only Ada's is answered to Ada.
        RecallResult result = client.recall()
                .search(RecallParams.builder()
                        .query("To deploy the API run make deploy")
                        .limit(100)
                        .build());
        assertThat(result.memories())
                .extracting(RecalledMemory::hubId)
                .allMatch(hub -> hub.equals(team) || hub.equals(ada.personalHubId()));
        assertThat(ids(result)).contains(deploy);

        assertError(
                recall(ada, "{\"query\": \"deploy\", \"hub_ids\": [\"" + eve.personalHubId() + "\"]}"),
                404,
                "not_found");
        assertError(
                recall(
                        ada,
                        "{\"query\": \"deploy\", \"hub_ids\": [\"" + team + "\", \"" + eve.personalHubId() + "\"]}"),
                404,
                "not_found");
        assertError(recall(ada, "{\"query\": \"deploy\", \"hub_ids\": [\"not-a-uuid\"]}"), 404, "not_found");
        assertThatThrownBy(() -> client.recall()
                        .search(RecallParams.builder()
                                .query("deploy")
                                .addHubId(eve.personalHubId())
                                .build()))
                .isInstanceOf(NotFoundException.class);
        // And Eve only ever sees her own.
        List<String> eves = ids(recall(eve, "{\"query\": \"To deploy the API run make deploy\", \"limit\": 100}"));
        assertThat(eves).hasSize(1).doesNotContain(deploy.toString());
    }

    @Test
    void membersRecallATeamHubAndRestrictedKeysOnlyTheirHubs() {
        TestUser viewer = api.user("viewer");
        api.addMember(ada, team, viewer, "viewer");
        assertThat(ids(recall(viewer, "{\"query\": \"deploy the API\"}")))
                .contains(deploy.toString())
                .doesNotContain(cats.toString(), espresso.toString());

        Http.Result key = api.send(
                ada,
                "POST",
                "/v1/auth/api-keys",
                "{\"name\": \"personal only\", \"scopes\": [\"memax:read\"], \"hub_id\": \"" + ada.personalHubId()
                        + "\"}");
        String restricted = "Bearer " + key.json().at("/data/key").asText();
        List<String> seen = ids(api.send(
                restricted, "POST", "/v1/recall", "{\"query\": \"deploy the API cat espresso\", \"limit\": 100}"));
        assertThat(seen).contains(cats.toString()).doesNotContain(deploy.toString(), guide.toString());
        assertError(
                api.send(restricted, "POST", "/v1/recall", "{\"query\": \"deploy\", \"hub_ids\": [\"" + team + "\"]}"),
                404,
                "not_found");

        Http.Result writeOnly =
                api.send(ada, "POST", "/v1/auth/api-keys", "{\"name\": \"w\", \"scopes\": [\"memax:write\"]}");
        assertError(
                api.send(
                        "Bearer " + writeOnly.json().at("/data/key").asText(),
                        "POST",
                        "/v1/recall",
                        "{\"query\": \"deploy\"}"),
                403,
                "forbidden");
        assertError(api.http().postJson("/v1/recall", "{\"query\": \"deploy\"}"), 401, "unauthorized");
    }

    @Test
    void thresholdAndLimitCutTheAnswer() {
        List<String> all = ids(recall(ada, "{\"query\": \"deploy the API\", \"limit\": 100}"));
        assertThat(all.size()).isGreaterThan(2);
        assertThat(ids(recall(ada, "{\"query\": \"deploy the API\", \"limit\": 2}")))
                .isEqualTo(all.subList(0, 2));

        Http.Result full = recall(ada, "{\"query\": \"deploy the API\", \"limit\": 100}");
        double top = full.json().at("/data/memories/0/relevance_score").asDouble();
        double second = full.json().at("/data/memories/1/relevance_score").asDouble();
        double between = (top + second) / 2;
        assertThat(ids(recall(ada, "{\"query\": \"deploy the API\", \"limit\": 100, \"threshold\": " + between + "}")))
                .containsExactly(all.get(0));
        Http.Result none = recall(ada, "{\"query\": \"deploy the API\", \"threshold\": 1}");
        assertThat(ids(none)).isEmpty();
        assertThat(none.json().at("/data/query_metadata/total_candidates").asInt())
                .isPositive();
    }

    @Test
    void pinnedAndStableMemoriesWinTiesVolatileOnesLoseThem() {
        String text = "The office wifi password is written on the whiteboard in room four.";
        UUID plain = seed(team, ada).title("Wifi").chunk(text).insert();
        UUID pinned = seed(team, ada).title("Wifi").pinned().chunk(text).insert();
        UUID stable =
                seed(team, ada).title("Wifi").stability("stable").chunk(text).insert();
        UUID fickle =
                seed(team, ada).title("Wifi").stability("volatile").chunk(text).insert();

        List<String> ranked = ids(recall(ada, "{\"query\": \"office wifi password\", \"limit\": 4}"));
        assertThat(ranked).containsExactly(pinned.toString(), stable.toString(), plain.toString(), fickle.toString());
    }

    @Test
    void recalledMemoriesHaveTheirAccessCountersUpdatedSoonAfter() throws InterruptedException {
        UUID counted = seed(team, ada)
                .title("Counted")
                .chunk("The quarterly kombucha tasting is in the attic.")
                .insert();
        for (int i = 0; i < 3; i++) {
            assertThat(ids(recall(ada, "{\"query\": \"kombucha tasting\", \"limit\": 1}")))
                    .containsExactly(counted.toString());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = api.count("SELECT access_count FROM memories WHERE id = '" + counted + "'");
            if (count == 3) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(count).isEqualTo(3);
        assertThat(api.count("SELECT count(*) FROM memories WHERE id = '" + counted
                        + "' AND accessed_at > now() - interval '1 minute'"))
                .isEqualTo(1);
    }

    @Test
    void invalidRequestsAreValidationFailuresPerField() {
        assertInvalid("{}", "query");
        assertInvalid("{\"query\": \"   \"}", "query");
        assertInvalid("{\"query\": \"" + "q".repeat(10_001) + "\"}", "query");
        assertInvalid("{\"query\": \"q\", \"mode\": \"fuzzy\"}", "mode");
        assertInvalid("{\"query\": \"q\", \"kind\": \"dream\"}", "kind");
        assertInvalid("{\"query\": \"q\", \"limit\": 0}", "limit");
        assertInvalid("{\"query\": \"q\", \"limit\": 101}", "limit");
        assertInvalid("{\"query\": \"q\", \"threshold\": 1.5}", "threshold");
        assertInvalid("{\"query\": \"q\", \"threshold\": -0.1}", "threshold");
        assertInvalid("{\"query\": \"q\", \"topic_id\": \"nope\"}", "topic_id");
        assertInvalid("{\"query\": \"q\", \"created_after\": \"yesterday\"}", "created_after");
        assertInvalid("{\"query\": \"q\", \"created_before\": \"2026-13-01\"}", "created_before");
        assertInvalid("{\"query\": \"q\", \"tags\": [\"ok\", \" \"]}", "tags[1]");
        assertError(recall(ada, "{\"query\": \"q\", \"limit\": \"ten\"}"), 400, "bad_request");
        assertError(recall(ada, "{\"query\": \"q\", \"hub_ids\": {\"a\": 1}}"), 400, "bad_request");
        assertError(recall(ada, "{\"query\": "), 400, "bad_request");
    }

    private static void assertInvalid(String body, String field) {
        Http.Result result = recall(ada, body);
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
    }
}
