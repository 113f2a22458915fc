package dev.memax.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.QuotaExceededException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.Plan;
import dev.memax.sdk.models.Usage;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans, usage, monthly quotas, the memory and storage limits and alert thresholds, over real HTTP. */
class UsageTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser admin;

    @BeforeAll
    static void setUp() {
        api = new HubApi(SERVER);
        admin = api.user("admin");
        SERVER.database().execute("UPDATE users SET is_admin = true WHERE id = '" + admin.id() + "'");
        // Small plans so limits are reached in a test.
        SERVER.database()
                .execute(
                        "INSERT INTO plans (id, name, position, memory_limit, monthly_pushes, "
                                + "monthly_recalls, monthly_asks, storage_bytes, max_upload_bytes, heavy_per_minute, regular_per_minute, "
                                + "light_per_minute, dreams) VALUES "
                                + "('test-pushes', 'Ten pushes', 10, NULL, 10, NULL, NULL, NULL, NULL, 1000, 1000, 1000, false), "
                                + "('test-memories', 'Five memories', 11, 5, NULL, NULL, NULL, 100000, NULL, 1000, 1000, 1000, false), "
                                + "('test-alerts', 'Twenty pushes', 12, NULL, 20, 2, NULL, 120, NULL, 1000, 1000, 1000, false)");
    }

    private static MemaxClient client(TestUser user) {
        return MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(user.apiKey())
                .maxRetries(0)
                .build();
    }

    private static void assign(TestUser user, String plan) {
        try (MemaxClient client = client(admin)) {
            assertThat(client.plans().assign(user.id(), plan).id()).isEqualTo(plan);
        }
    }

    private static Http.Result push(TestUser user, String content) {
        return SERVER.http()
                .postJson("/v1/memories", "{\"content\": \"" + content + "\"}", "Authorization", user.bearer());
    }

    @Test
    void plansArePublicAndCarryEveryLimitWithNullForUnlimited() {
        Http.Result anonymous = SERVER.http().get("/v1/plans");
        assertThat(anonymous.status()).isEqualTo(200);
        // A bare array, as Memax answers it.
        JsonNode plans = anonymous.json().at("/data");
        assertThat(plans.isArray()).isTrue();
        assertThat(plans.findValuesAsText("id")).startsWith("free", "pro", "team", "enterprise");
        JsonNode enterprise = plans.get(3);
        assertThat(enterprise.get("memory_limit").isNull()).isTrue();
        assertThat(enterprise.get("monthly_pushes").isNull()).isTrue();
        assertThat(enterprise.get("heavy_per_minute").asInt()).isPositive();
        // Memax's PlanDefinition fields beside ours: -1 is unlimited there.
        assertThat(enterprise.get("display_name").asText())
                .isEqualTo(enterprise.get("name").asText());
        assertThat(enterprise.get("push_limit").asLong()).isEqualTo(-1);
        assertThat(enterprise.get("tier_order").asInt()).isEqualTo(3);
        assertThat(enterprise.get("rate_limit_heavy_rpm").asInt())
                .isEqualTo(enterprise.get("heavy_per_minute").asInt());
        assertThat(plans.get(0).get("push_limit").asLong())
                .isEqualTo(plans.get(0).get("monthly_pushes").asLong());
        try (MemaxClient client = client(admin)) {
            Plan free = client.plans().list().get(0);
            assertThat(free.id()).isEqualTo("free");
            assertThat(free.memoryLimit()).isEqualTo(1000L);
            assertThat(free.regularPerMinute()).isEqualTo(120);
        }
    }

    @Test
    void usageCountsPushesUpdatesRecallsAndWhatTheUserOwns() {
        TestUser ada = api.user("ada");
        try (MemaxClient client = client(ada)) {
            Usage fresh = client.usage().get();
            assertThat(fresh.plan().id()).isEqualTo("free");
            assertThat(fresh.pushes().used()).isZero();
            assertThat(fresh.pushes().limit()).isEqualTo(5000L);
            LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
            assertThat(fresh.periodStart()).isEqualTo(month.atStartOfDay().toInstant(ZoneOffset.UTC));
            assertThat(fresh.periodEnd())
                    .isEqualTo(month.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC));

            Http.Result batch = SERVER.http()
                    .postJson(
                            "/v1/memories/batch",
                            "{\"memories\": [{\"content\": \"Tea is "
                                    + "green.\"}, {\"content\": \"Café au lait\", \"source_path\": \"notes/cafe.md\"}]}",
                            "Authorization",
                            ada.bearer());
            assertThat(batch.status()).as(batch.toString()).isIn(200, 201);
            String id = push(ada, "Water boils at 100 degrees.")
                    .json()
                    .at("/data/id")
                    .asText();
            assertThat(api.send(ada, "PATCH", "/v1/memories/" + id, "{\"content\": \"Water boils at 100 °C.\"}")
                            .status())
                    .isEqualTo(200);
            // Unchanged upsert: no push counted.
            SERVER.http()
                    .postJson(
                            "/v1/memories",
                            "{\"content\": \"Café au lait\", \"source_path\": \"notes/cafe.md\"}",
                            "Authorization",
                            ada.bearer());
            for (int i = 0; i < 2; i++) {
                assertThat(SERVER.http()
                                .postJson("/v1/recall", "{\"query\": \"tea\"}", "Authorization", ada.bearer())
                                .status())
                        .isEqualTo(200);
            }

            Usage used = client.usage().get();
            assertThat(used.pushes().used()).isEqualTo(4);
            assertThat(used.recalls().used()).isEqualTo(2);
            assertThat(used.asks().used()).isZero();
            assertThat(used.memories().used()).isEqualTo(3);
            assertThat(used.storageBytes().used())
                    .isEqualTo(bytes("Tea is green.") + bytes("Café au lait") + bytes("Water boils at 100 °C."));
            assertThat(used.alerts()).isEmpty();

            // The same answer in the flat Memax shape the Memax SDK reads (UsageWithLimits).
            JsonNode flat = SERVER.http()
                    .get("/v1/usage", "Authorization", ada.bearer())
                    .json()
                    .path("data");
            assertThat(flat.path("user_id").asText()).isEqualTo(ada.id().toString());
            assertThat(flat.path("push_count").asLong()).isEqualTo(4);
            assertThat(flat.path("recall_count").asLong()).isEqualTo(2);
            assertThat(flat.path("ask_count").asLong()).isZero();
            assertThat(flat.path("plan").asText()).isEqualTo("free");
            assertThat(flat.path("plan_display_name").asText()).isEqualTo("Free");
            assertThat(flat.path("plan_details").path("id").asText()).isEqualTo("free");
            assertThat(flat.at("/limits/plan_id").asText()).isEqualTo("free");
            assertThat(flat.at("/limits/push_limit").asLong()).isEqualTo(5000);
            assertThat(flat.at("/limits/max_team_hubs").asLong())
                    .as("unlimited")
                    .isEqualTo(-1);
            assertThat(flat.at("/limits/rate_limit_heavy_rpm").asInt()).isEqualTo(30);

            // source names the client (Memax's usage attribution): counted per source, never a filter.
            for (String source : List.of("CLI", "cli", "sdk")) {
                assertThat(SERVER.http()
                                .postJson(
                                        "/v1/recall",
                                        "{\"query\": \"tea\", \"source\": \"" + source + "\"}",
                                        "Authorization",
                                        ada.bearer())
                                .json()
                                .at("/data/memories")
                                .size())
                        .isPositive();
            }
            assertThat(client.usage().get().bySource()).isEqualTo(Map.of("recalls", Map.of("cli", 2L, "sdk", 1L)));
        }
    }

    @Test
    void onlyAdminsMoveUsersBetweenPlansAndTheNewLimitsApplyAtOnce() {
        TestUser bob = api.user("bob");
        try (MemaxClient asBob = client(bob);
                MemaxClient asAdmin = client(admin)) {
            assertThatThrownBy(() -> asBob.plans().assign(bob.id(), "enterprise"))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> asAdmin.plans().assign(bob.id(), "platinum"))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> asAdmin.plans().assign(UUID.randomUUID(), "pro"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(asBob.usage().get().plan().id()).isEqualTo("free");
            asAdmin.plans().assign(bob.id(), "pro");
            Usage usage = asBob.usage().get();
            assertThat(usage.plan().id()).isEqualTo("pro");
            assertThat(usage.pushes().limit()).isEqualTo(100_000L);
        }
    }

    @Test
    void concurrentPushesStopExactlyAtTheMonthlyQuota() throws Exception {
        TestUser carol = api.user("carol");
        assign(carol, "test-pushes");
        List<Integer> statuses =
                concurrently(20, i -> push(carol, "Concurrent note number " + i).status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(10);

        Http.Result refused = push(carol, "One more");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.errorCode()).isEqualTo("quota_exceeded");
        JsonNode details = refused.json().at("/error/details");
        assertThat(details.get("metric").asText()).isEqualTo("pushes");
        assertThat(details.get("limit").asLong()).isEqualTo(10);
        assertThat(details.get("used").asLong()).isEqualTo(10);
        assertThat(details.get("resets_at").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC)
                        .withDayOfMonth(1)
                        .plusMonths(1)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .toString());
        try (MemaxClient client = client(carol)) {
            assertThat(client.usage().get().pushes().used()).isEqualTo(10);
            assertThat(client.usage().get().memories().used()).isEqualTo(10);
            assertThatThrownBy(() -> client.memories()
                            .create(dev.memax.sdk.params.MemoryCreateParams.builder()
                                    .content("via the SDK")
                                    .build()))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.metric()).isEqualTo("pushes");
                        assertThat(e.limit()).isEqualTo(10L);
                        assertThat(e.resetsAt()).isNotNull();
                    });
        }
    }

    @Test
    void theMemoryLimitHoldsUnderConcurrencyAndFreesWhenAMemoryIsDeleted() throws Exception {
        TestUser dan = api.user("dan");
        assign(dan, "test-memories");
        List<Http.Result> results = concurrently(12, i -> push(dan, "Memory number " + i));
        List<Http.Result> created =
                results.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).hasSize(5);
        assertThat(results)
                .filteredOn(r -> r.status() == 402)
                .allSatisfy(r -> assertThat(r.json().at("/error/details/metric").asText())
                        .isEqualTo("memories"));
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM memories WHERE owner_id = '" + dan.id() + "'"))
                .isEqualTo(5);

        String first = created.get(0).json().at("/data/id").asText();
        assertThat(api.send(dan, "DELETE", "/v1/memories/" + first, null).status())
                .isEqualTo(200);
        assertThat(push(dan, "Room again").status()).isEqualTo(201);
        assertThat(push(dan, "But not twice").status()).isEqualTo(402);
    }

    @Test
    void alertThresholdsAreRecordedOnceEachAndRecallAndStorageLimitsHold() {
        TestUser eve = api.user("eve");
        assign(eve, "test-alerts");
        // 20 pushes allowed: 9, then 1 (crosses 50 %), then 9 (crosses 80 % and 95 % at once).
        pushBatch(eve, 9, "a");
        assertThat(alerts(eve)).isEmpty();
        pushBatch(eve, 1, "b");
        assertThat(alerts(eve)).containsExactly("pushes:50");
        pushBatch(eve, 9, "c");
        assertThat(alerts(eve)).containsExactly("pushes:50", "pushes:80", "pushes:95");
        pushBatch(eve, 1, "d");
        assertThat(push(eve, "x").status()).isEqualTo(402);
        assertThat(alerts(eve)).containsExactly("pushes:50", "pushes:80", "pushes:95");

        for (int i = 0; i < 2; i++) {
            assertThat(SERVER.http()
                            .postJson("/v1/recall", "{\"query\": \"a\"}", "Authorization", eve.bearer())
                            .status())
                    .isEqualTo(200);
        }
        Http.Result third = SERVER.http().postJson("/v1/recall", "{\"query\": \"a\"}", "Authorization", eve.bearer());
        assertThat(third.status()).isEqualTo(402);
        assertThat(third.json().at("/error/details/metric").asText()).isEqualTo("recalls");

        // Storage: 120 bytes in this plan; the 20 one-letter-ish memories hold less, a long one passes it.
        TestUser fay = api.user("fay");
        assign(fay, "test-alerts");
        assertThat(push(fay, "x".repeat(100)).status()).isEqualTo(201);
        Http.Result tooBig = push(fay, "y".repeat(30));
        assertThat(tooBig.status()).isEqualTo(402);
        assertThat(tooBig.json().at("/error/details/metric").asText()).isEqualTo("storage_bytes");
        assertThat(tooBig.json().at("/error/details/resets_at").isNull()).isTrue();
    }

    private static void pushBatch(TestUser user, int n, String prefix) {
        StringBuilder body = new StringBuilder("{\"memories\": [");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ", ")
                    .append("{\"content\": \"")
                    .append(prefix)
                    .append(i)
                    .append("\"}");
        }
        Http.Result result = SERVER.http()
                .postJson("/v1/memories/batch", body.append("]}").toString(), "Authorization", user.bearer());
        assertThat(result.status()).as(result.toString()).isIn(200, 201);
    }

    private static List<String> alerts(TestUser user) {
        JsonNode alerts = api.get(user, "/v1/usage").json().at("/data/alerts");
        List<String> out = new ArrayList<>();
        alerts.forEach(
                a -> out.add(a.get("metric").asText() + ":" + a.get("threshold").asInt()));
        return out;
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private interface Task<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> concurrently(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
