package dev.memax.server.hub;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.hub.InviteTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.HubSummary;
import dev.memax.sdk.models.HubVisit;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hubs themselves: create, list, read, update, delete, slugs, and what a personal hub refuses. */
class HubTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
    }

    @Test
    void createAnswersTheHubAtTheTopLevelAndAsAnEntry() {
        Http.Result created = api.send(
                ada,
                "POST",
                "/v1/hubs",
                "{\"name\": \"  Research Lab  \", \"slug\": \"research-lab\", \"description\": \"papers\", \"hint\": \"ignored\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        // Memax clients read the hub itself (data.id); this server's clients read {hub, role, memory_count}.
        List<String> hubFields = List.of(
                "id", "name", "slug", "hub_type", "owner_id", "description", "time_zone", "created_at", "updated_at");
        List<String> viewFields = new ArrayList<>(hubFields);
        viewFields.addAll(List.of("hub", "role", "memory_count"));
        assertThat(fieldNames(data)).containsExactlyElementsOf(viewFields);
        JsonNode hub = data.path("hub");
        assertThat(fieldNames(hub)).containsExactlyElementsOf(hubFields);
        for (String field : fieldNames(hub)) {
            assertThat(data.path(field)).as(field).isEqualTo(hub.path(field));
        }
        assertThat(hub.path("name").asText()).isEqualTo("Research Lab");
        assertThat(hub.path("slug").asText()).isEqualTo("research-lab");
        assertThat(hub.path("hub_type").asText()).isEqualTo("team");
        assertThat(hub.path("owner_id").asText()).isEqualTo(ada.id().toString());
        assertThat(hub.path("description").asText()).isEqualTo("papers");
        assertThat(Instant.parse(hub.path("created_at").asText()))
                .isEqualTo(Instant.parse(hub.path("updated_at").asText()));
        assertThat(data.path("role").asText()).isEqualTo("owner");
        assertThat(data.path("memory_count").asLong()).isZero();
        UUID id = UUID.fromString(hub.path("id").asText());
        assertThat(api.roleInDb(id, ada.id())).isEqualTo("owner");
        // The entry create answered is what a read answers (which adds members and the pending transfer).
        JsonNode read = api.get(ada, "/v1/hubs/" + id).json().path("data");
        for (String field : List.of("hub", "role", "memory_count")) {
            assertThat(read.path(field)).as(field).isEqualTo(data.path(field));
        }
    }

    @Test
    void aMissingSlugIsDerivedFromTheNameAndMadeUnique() {
        JsonNode first = api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Ünïcode Crew!\"}")
                .json()
                .path("data");
        JsonNode second = api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Unicode Crew\"}")
                .json()
                .path("data");

        assertThat(first.at("/hub/slug").asText()).isEqualTo("unicode-crew");
        assertThat(second.at("/hub/slug").asText()).matches("unicode-crew-[0-9a-f]{6}");
    }

    @Test
    void invalidCreateBodiesAreValidationFailuresPerField() {
        assertInvalid("{}", "name");
        assertInvalid("{\"name\": \"   \"}", "name");
        assertInvalid("{\"name\": \"" + "n".repeat(101) + "\"}", "name");
        assertInvalid("{\"name\": \"ok\", \"slug\": \"ab\"}", "slug");
        assertInvalid("{\"name\": \"ok\", \"slug\": \"" + "a".repeat(49) + "\"}", "slug");
        assertInvalid("{\"name\": \"ok\", \"slug\": \"Upper-Case\"}", "slug");
        assertInvalid("{\"name\": \"ok\", \"slug\": \"double--hyphen\"}", "slug");
        assertInvalid("{\"name\": \"ok\", \"slug\": \"-edge\"}", "slug");
        assertInvalid("{\"name\": \"ok\", \"description\": \"" + "d".repeat(1001) + "\"}", "description");
    }

    private static void assertInvalid(String body, String field) {
        long hubs = api.count("SELECT count(*) FROM hubs");
        Http.Result result = api.send(ada, "POST", "/v1/hubs", body);
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
        assertThat(api.count("SELECT count(*) FROM hubs")).isEqualTo(hubs);
    }

    @Test
    void aTakenSlugIsAConflictCaseInsensitivelyOnCreateAndUpdate() {
        api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Taken\", \"slug\": \"taken-slug\"}");
        UUID other = api.createHub(ada, "Other");
        long hubs = api.count("SELECT count(*) FROM hubs");

        assertError(
                api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Again\", \"slug\": \"taken-slug\"}"), 409, "conflict");
        assertThat(api.count("SELECT count(*) FROM hubs")).isEqualTo(hubs);
        long before = api.fingerprint(other);
        assertError(api.send(ada, "PATCH", "/v1/hubs/" + other, "{\"slug\": \"taken-slug\"}"), 409, "conflict");
        assertThat(api.fingerprint(other)).isEqualTo(before);
        // Someone else's personal hub slug is taken too (uniqueness is global).
        TestUser bob = api.user("bob");
        String bobsSlug = api.get(bob, "/v1/hubs/" + bob.personalHubId())
                .json()
                .at("/data/hub/slug")
                .asText();
        assertError(
                api.send(ada, "POST", "/v1/hubs", "{\"name\": \"x\", \"slug\": \"" + bobsSlug + "\"}"),
                409,
                "conflict");
        // Historical slugs stored with capitals still collide case-insensitively.
        SERVER.database().execute("UPDATE hubs SET slug = 'Mixed-Case' WHERE id = '" + other + "'");
        assertError(api.send(ada, "POST", "/v1/hubs", "{\"name\": \"x\", \"slug\": \"mixed-case\"}"), 409, "conflict");
    }

    @Test
    void concurrentCreatesWithOneSlugYieldOneHubAndConflictsNeverAServerError() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Result>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit((Callable<Http.Result>)
                    () -> api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Race\", \"slug\": \"race-slug\"}")));
        }
        int created = 0;
        for (Future<Http.Result> result : results) {
            Http.Result r = result.get();
            if (r.status() == 201) {
                created++;
            } else {
                assertError(r, 409, "conflict");
            }
        }
        pool.shutdown();

        assertThat(created).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM hubs WHERE slug = 'race-slug'"))
                .isEqualTo(1);
    }

    @Test
    void concurrentRenamesToOneSlugLeaveOneWinnerAndConflictsNeverAServerError() throws Exception {
        List<UUID> hubs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hubs.add(api.createHub(ada, "Renamer " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(hubs.size());
        List<Future<Http.Result>> results = new ArrayList<>();
        for (UUID hub : hubs) {
            results.add(pool.submit((Callable<Http.Result>)
                    () -> api.send(ada, "PATCH", "/v1/hubs/" + hub, "{\"slug\": \"rename-race\"}")));
        }
        int updated = 0;
        for (Future<Http.Result> result : results) {
            Http.Result r = result.get();
            if (r.status() == 200) {
                updated++;
            } else {
                assertError(r, 409, "conflict");
            }
        }
        pool.shutdown();

        assertThat(updated).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM hubs WHERE slug = 'rename-race'"))
                .isEqualTo(1);
    }

    @Test
    void checkSlugSaysAvailableTakenOrInvalid() {
        api.send(ada, "POST", "/v1/hubs", "{\"name\": \"Checked\", \"slug\": \"checked-slug\"}");

        assertSlug("brand-new-slug", true, null);
        assertSlug("checked-slug", false, "taken");
        assertSlug("CHECKED-SLUG", false, "invalid");
        assertSlug("ab", false, "invalid");
        assertSlug("", false, "invalid");
        Http.Result missing = api.get(ada, "/v1/hubs/check-slug");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.json().at("/data/available").asBoolean()).isFalse();
        assertThat(missing.json().at("/data/reason").asText()).isEqualTo("invalid");
    }

    private static void assertSlug(String slug, boolean available, String reason) {
        Http.Result result = api.get(ada, "/v1/hubs/check-slug?slug=" + slug);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().path("data");
        assertThat(data.path("slug").asText()).isEqualTo(slug);
        assertThat(data.path("available").asBoolean()).isEqualTo(available);
        if (reason == null) {
            assertThat(fieldNames(data)).containsExactly("slug", "available");
        } else {
            assertThat(fieldNames(data)).containsExactly("slug", "available", "reason");
            assertThat(data.path("reason").asText()).isEqualTo(reason);
        }
    }

    @Test
    void listIsAPlainArrayPersonalFirstThenByNameWithTheCallersRole() {
        TestUser carol = api.user("carol");
        UUID zeta = api.createHub(carol, "zeta");
        UUID alpha = api.createHub(carol, "Alpha");
        UUID shared = api.createHub(ada, "Middle");
        api.addMember(ada, shared, carol, "viewer");

        Http.Result result = api.get(carol, "/v1/hubs");

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().path("data");
        assertThat(data.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        data.forEach(entry -> {
            ids.add(entry.at("/hub/id").asText());
            roles.add(entry.path("role").asText());
            assertThat(fieldNames(entry)).containsExactly("hub", "role", "memory_count");
        });
        assertThat(ids)
                .containsExactly(
                        carol.personalHubId().toString(), alpha.toString(), shared.toString(), zeta.toString());
        assertThat(roles).containsExactly("owner", "owner", "viewer", "owner");
        assertThat(data.get(0).at("/hub/hub_type").asText()).isEqualTo("personal");
    }

    @Test
    void updateChangesOnlyTheFieldsSent() {
        Http.Result created = api.send(
                ada, "POST", "/v1/hubs", "{\"name\": \"Before\", \"slug\": \"before-slug\", \"description\": \"d\"}");
        String id = created.json().at("/data/hub/id").asText();
        Instant createdAt =
                Instant.parse(created.json().at("/data/hub/updated_at").asText());

        Http.Result renamed = api.send(ada, "PATCH", "/v1/hubs/" + id, "{\"name\": \"After\"}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        JsonNode hub = renamed.json().at("/data/hub");
        assertThat(hub.path("name").asText()).isEqualTo("After");
        assertThat(hub.path("slug").asText()).isEqualTo("before-slug");
        assertThat(hub.path("description").asText()).isEqualTo("d");
        assertThat(Instant.parse(hub.path("updated_at").asText())).isAfter(createdAt);
        assertThat(renamed.json().at("/data/role").asText()).isEqualTo("owner");

        Http.Result reslugged =
                api.send(ada, "PATCH", "/v1/hubs/" + id, "{\"slug\": \"after-slug\", \"description\": \"\"}");
        assertThat(reslugged.status()).as(reslugged.toString()).isEqualTo(200);
        assertThat(reslugged.json().at("/data/hub/slug").asText()).isEqualTo("after-slug");
        assertThat(reslugged.json().at("/data/hub/description").asText()).isEmpty();
        assertThat(reslugged.json().at("/data/hub/name").asText()).isEqualTo("After");
        JsonNode read = api.get(ada, "/v1/hubs/" + id).json().path("data");
        for (String field : List.of("hub", "role", "memory_count")) {
            assertThat(read.path(field))
                    .as(field)
                    .isEqualTo(reslugged.json().path("data").path(field));
        }
        // Keeping one's own slug is no conflict, and the old slug is free again.
        assertThat(api.send(ada, "PATCH", "/v1/hubs/" + id, "{\"slug\": \"after-slug\"}")
                        .status())
                .isEqualTo(200);
        assertSlug("before-slug", true, null);

        Http.Result invalid = api.send(ada, "PATCH", "/v1/hubs/" + id, "{\"name\": \"\"}");
        assertError(invalid, 422, "validation_failed");
        assertThat(invalid.json().at("/error/details/fields").has("name")).isTrue();
        Http.Result badSlug = api.send(ada, "PATCH", "/v1/hubs/" + id, "{\"slug\": \"Nope!\"}");
        assertError(badSlug, 422, "validation_failed");
        assertThat(badSlug.json().at("/error/details/fields").has("slug")).isTrue();
    }

    @Test
    void deletingATeamHubRemovesItForEveryMember() {
        UUID hub = api.createHub(ada, "Doomed");
        TestUser member = api.user("member");
        api.addMember(ada, hub, member, "admin");
        api.createInvite(ada, hub, "{}");

        Http.Result deleted = api.send(ada, "DELETE", "/v1/hubs/" + hub, null);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("data").path("id").asText()).isEqualTo(hub.toString());
        assertThat(deleted.json().path("data").path("deleted").asBoolean()).isTrue();
        assertError(api.get(ada, "/v1/hubs/" + hub), 404, "not_found");
        assertError(api.get(member, "/v1/hubs/" + hub), 404, "not_found");
        assertThat(api.count("SELECT count(*) FROM hub_invites WHERE hub_id = '" + hub + "'"))
                .isZero();
        assertError(api.send(ada, "DELETE", "/v1/hubs/" + hub, null), 404, "not_found");
    }

    @Test
    void aPersonalHubCanBeRenamedButNotDeletedLeftSharedTransferredOrInvitedTo() {
        TestUser dan = api.user("dan");
        TestUser friend = api.user("friend");
        String hub = "/v1/hubs/" + dan.personalHubId();
        long before = api.fingerprint(dan.personalHubId());

        assertError(api.send(dan, "DELETE", hub, null), 409, "conflict");
        assertError(api.send(dan, "POST", hub + "/leave", null), 409, "conflict");
        assertError(
                api.send(dan, "POST", hub + "/members", "{\"user_id\": \"" + friend.id() + "\", \"role\": \"viewer\"}"),
                409,
                "conflict");
        assertError(api.send(dan, "POST", hub + "/invites", "{}"), 409, "conflict");
        assertError(
                api.send(dan, "POST", hub + "/transfer", "{\"user_id\": \"" + friend.id() + "\"}"), 409, "conflict");
        assertError(api.send(dan, "PATCH", hub + "/members/" + dan.id(), "{\"role\": \"admin\"}"), 409, "conflict");
        assertError(api.send(dan, "DELETE", hub + "/members/" + dan.id(), null), 409, "conflict");
        assertThat(api.fingerprint(dan.personalHubId())).isEqualTo(before);

        Http.Result renamed = api.send(dan, "PATCH", hub, "{\"name\": \"Dan's brain\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().at("/data/hub/name").asText()).isEqualTo("Dan's brain");
        assertThat(renamed.json().at("/data/hub/hub_type").asText()).isEqualTo("personal");
    }

    @Test
    void malformedAndUnknownHubIdsAreNotFound() {
        assertError(api.get(ada, "/v1/hubs/not-a-uuid"), 404, "not_found");
        assertError(api.get(ada, "/v1/hubs/" + UUID.randomUUID()), 404, "not_found");
        assertError(api.send(ada, "PATCH", "/v1/hubs/" + UUID.randomUUID(), "{\"name\": \"x\"}"), 404, "not_found");
        assertError(api.send(ada, "DELETE", "/v1/hubs/not-a-uuid", null), 404, "not_found");
    }

    @Test
    void everyHubRouteNeedsCredentials() {
        Http http = api.http();
        String hub = "/v1/hubs/" + ada.personalHubId();
        for (String[] route : new String[][] {
            {"GET", "/v1/hubs"},
            {"POST", "/v1/hubs"},
            {"GET", "/v1/hubs/check-slug?slug=abc"},
            {"GET", hub},
            {"PATCH", hub},
            {"DELETE", hub},
            {"GET", hub + "/members"},
            {"POST", hub + "/members"},
            {"POST", hub + "/leave"},
            {"POST", hub + "/transfer"},
            {"GET", hub + "/transfer"},
            {"GET", hub + "/invites"}
        }) {
            Http.Result result = http.send(
                    route[0],
                    route[1],
                    route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}",
                    "Content-Type",
                    "application/json");
            assertError(result, 401, "unauthorized");
            assertThat(result.header("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void detailSummaryAndVisitAnswerTheMemaxShapes() {
        TestUser dora = api.user("dora");
        TestUser eli = api.user("eli");
        UUID hub = api.createHub(dora, "Atlas");
        api.addMember(dora, hub, eli, "contributor");
        assertThat(api.send(eli, "POST", "/v1/memories", "{\"content\": \"x\", \"hub_id\": \"" + hub + "\"}")
                        .status())
                .isEqualTo(201);

        JsonNode detail = api.get(dora, "/v1/hubs/" + hub).json().path("data");
        assertThat(fieldNames(detail))
                .containsExactly("hub", "role", "memory_count", "members", "pending_transfer", "is_frozen");
        assertThat(detail.path("memory_count").asLong()).isEqualTo(1);
        assertThat(detail.path("members").findValuesAsText("user_id"))
                .containsExactly(dora.id().toString(), eli.id().toString());
        assertThat(detail.at("/members/1/user_email").asText()).isEqualTo(eli.email());
        assertThat(detail.path("pending_transfer").isNull()).isTrue();

        try (MemaxClient client = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(eli.apiKey())
                .maxRetries(0)
                .build()) {
            HubSummary first = client.hubs().summary(hub);
            assertThat(first.hub().id()).isEqualTo(hub);
            assertThat(first.stats().memories()).isEqualTo(1);
            assertThat(first.stats().members()).isEqualTo(2);
            assertThat(first.membersPreview())
                    .extracting(HubSummary.MemberPreview::userId)
                    .contains(dora.id(), eli.id());
            assertThat(first.header().state()).isEqualTo("first_time");
            assertThat(first.header().greetingKey()).isEqualTo("firstTimeA");
            HubVisit visit = client.hubs().visit(hub);
            assertThat(visit.hubId()).isEqualTo(hub);
            assertThat(visit.status()).isEqualTo("ok");
            assertThat(client.hubs().summary(hub).header().state()).isEqualTo("clean");
        }
        // The time of day follows the client's X-Timezone.
        Http.Result inTokyo = api.http()
                .get("/v1/hubs/" + hub + "/summary", "Authorization", dora.bearer(), "X-Timezone", "Asia/Tokyo");
        assertThat(inTokyo.json().at("/data/header/time_bucket").asText())
                .isEqualTo(HubSummaryService.timeBucket(Instant.now(), "Asia/Tokyo"));
        assertThat(HubSummaryService.timeBucket(Instant.parse("2026-01-01T07:30:00Z"), "Europe/Paris"))
                .isEqualTo("morning");
        assertThat(HubSummaryService.timeBucket(Instant.parse("2026-01-01T07:30:00Z"), "Not/AZone"))
                .isEqualTo("morning");
        assertThat(HubSummaryService.timeBucket(Instant.parse("2026-01-01T02:00:00Z"), null))
                .isEqualTo("deep-night");

        JsonNode deleted =
                api.send(dora, "DELETE", "/v1/hubs/" + hub, null).json().path("data");
        assertThat(deleted.path("hub_id").asText()).isEqualTo(hub.toString());
        assertError(api.get(dora, "/v1/hubs/" + hub + "/summary"), 404, "not_found");
    }
}
