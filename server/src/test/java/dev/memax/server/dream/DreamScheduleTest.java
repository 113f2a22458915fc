package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nightly runs: due hubs of dreaming plans get one scheduled run a night, other hubs none. */
class DreamScheduleTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.dreams.nightly-hour", 0)
            .property("memax.dreams.schedule-interval", "1s");

    @Test
    void aDueHubDreamsOnceANightAndAFreeHubNever() throws InterruptedException {
        DreamApi api = new DreamApi(SERVER);
        // Ada starts on the free plan, so that her hub is due only once both memories are in.
        TestUser ada = api.hubs.user("ada");
        TestUser free = api.hubs.user("free");
        UUID hub = api.hubs.createHub(ada, "Nightly");
        api.push(ada, hub, "Backups of the billing database run at 2am every night.");
        api.push(ada, hub, "Backups of the billing database run at 2am every night.");
        api.push(free, free.personalHubId(), "Backups of the billing database run at 2am every night.");
        api.push(free, free.personalHubId(), "Backups of the billing database run at 2am every night.");
        TestUser admin = SERVER.server().createAdmin("admin@example.com");
        Http.Result moved = api.send(admin, "PUT", "/v1/admin/users/" + ada.id() + "/plan", "{\"plan\": \"pro\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        Http.Result listed = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(60),
                        "/v1/dreams?hub_id=" + hub,
                        r -> r.status() == 200
                                && r.json().at("/data/runs/0/status").asText("").equals("completed"),
                        "Authorization",
                        ada.bearer());
        JsonNode run = listed.json().at("/data/runs/0");
        assertThat(run.path("trigger").asText()).isEqualTo("scheduled");
        assertThat(run.path("triggered_by").isNull()).isTrue();
        assertThat(run.path("duplicates_merged").asLong()).isEqualTo(1);

        Thread.sleep(3_000);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM dream_runs"))
                .isEqualTo(1);
    }

    @Test
    void theNightlyMomentIsTheLatestPassedHourOfTheLocalDay() {
        Instant now = Instant.parse("2026-03-10T02:30:00Z");
        assertThat(DreamScheduleJob.lastNightly(now, 3, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-09T03:00:00Z"));
        assertThat(DreamScheduleJob.lastNightly(now, 2, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
        assertThat(DreamScheduleJob.lastNightly(now, 2, ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
        // Berlin skips 02:00 on 2027-03-28 (the moment moves on to 03:00 CEST) and passes 02:00 twice on 2027-10-31
        // (the first pass counts).
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(DreamScheduleJob.lastNightly(Instant.parse("2027-03-28T01:30:00Z"), 2, berlin))
                .isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
        assertThat(DreamScheduleJob.lastNightly(Instant.parse("2027-10-31T01:30:00Z"), 2, berlin))
                .isEqualTo(Instant.parse("2027-10-31T00:00:00Z"));
    }
}
