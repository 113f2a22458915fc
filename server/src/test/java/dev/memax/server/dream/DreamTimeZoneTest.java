package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub's nightly dream runs at the nightly hour (02:00 here) of the hub's local day: once per local
 * day, a skipped or repeated hour included. The schedule job is run at named moments (its own
 * timer waits a day), and the runs it starts are read over HTTP.
 */
class DreamTimeZoneTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.dreams.nightly-hour", 2)
            .property("memax.dreams.schedule-interval", "24h");

    private final DreamApi api = new DreamApi(SERVER);
    private int notes;

    @Test
    void aHubTakesItsTimeZoneOnCreateAndUpdate() {
        TestUser owner = api.dreamer("zoned");
        Http.Result created =
                api.send(owner, "POST", "/v1/hubs", "{\"name\": \"Tokyo office\", \"time_zone\": \"Asia/Tokyo\"}");
        assertThat(api.ok(created).path("time_zone").asText()).isEqualTo("Asia/Tokyo");
        UUID hub = UUID.fromString(api.ok(created).path("id").asText());
        Http.Result updated = api.send(owner, "PATCH", "/v1/hubs/" + hub, "{\"time_zone\": \"America/New_York\"}");
        assertThat(api.ok(updated).path("time_zone").asText()).isEqualTo("America/New_York");
        assertThat(api.ok(api.send(owner, "GET", "/v1/hubs/" + hub, null))
                        .at("/hub/time_zone")
                        .asText())
                .isEqualTo("America/New_York");
        UUID plain = api.hubs.createHub(owner, "Plain");
        assertThat(api.ok(api.send(owner, "GET", "/v1/hubs/" + plain, null))
                        .at("/hub/time_zone")
                        .asText())
                .isEqualTo("UTC");
    }

    @Test
    void anInvalidTimeZoneIsRejectedAndChangesNothing() {
        TestUser owner = api.dreamer("badzone");
        Http.Result created =
                api.send(owner, "POST", "/v1/hubs", "{\"name\": \"Nowhere\", \"time_zone\": \"Mars/Olympus_Mons\"}");
        HubApi.assertError(created, 400, "invalid_time_zone");
        assertThat(created.json().at("/error/details/fields/time_zone").asText())
                .isNotBlank();
        UUID hub = api.hubs.createHub(owner, "Somewhere");
        for (String invalid : List.of("+02:00", "utc", "")) {
            Http.Result updated = api.send(owner, "PATCH", "/v1/hubs/" + hub, "{\"time_zone\": \"" + invalid + "\"}");
            HubApi.assertError(updated, 400, "invalid_time_zone");
        }
        assertThat(api.ok(api.send(owner, "GET", "/v1/hubs/" + hub, null))
                        .at("/hub/time_zone")
                        .asText())
                .isEqualTo("UTC");
    }

    @Test
    void hubsInDifferentZonesDreamAtTheirOwnLocalHour() {
        TestUser owner = api.dreamer("traveller");
        UUID tokyo = zonedHub(owner, "Tokyo", "Asia/Tokyo");
        UUID newYork = zonedHub(owner, "New York", "America/New_York");

        // Never dreamt: both are due at once.
        tick(owner, "2027-01-10T12:00:00Z", tokyo, newYork);
        assertThat(runStarts(owner, tokyo)).containsExactly("2027-01-10T12:00:00Z");
        assertThat(runStarts(owner, newYork)).containsExactly("2027-01-10T12:00:00Z");
        // 01:30 in Tokyo, 11:30 in New York: no hub's hour yet.
        tick(owner, "2027-01-10T16:30:00Z", tokyo, newYork);
        // 02:00 in Tokyo: only Tokyo.
        tick(owner, "2027-01-10T17:00:00Z", tokyo, newYork);
        assertThat(runStarts(owner, tokyo)).containsExactly("2027-01-10T17:00:00Z", "2027-01-10T12:00:00Z");
        assertThat(runStarts(owner, newYork)).containsExactly("2027-01-10T12:00:00Z");
        // 01:59 in New York, then 02:00 (EST): only New York.
        tick(owner, "2027-01-11T06:59:00Z", tokyo, newYork);
        tick(owner, "2027-01-11T07:00:00Z", tokyo, newYork);
        // Later the same local days: nothing more.
        tick(owner, "2027-01-11T08:00:00Z", tokyo, newYork);
        assertThat(runStarts(owner, tokyo)).containsExactly("2027-01-10T17:00:00Z", "2027-01-10T12:00:00Z");
        assertThat(runStarts(owner, newYork)).containsExactly("2027-01-11T07:00:00Z", "2027-01-10T12:00:00Z");
    }

    @Test
    void aSkippedOrRepeatedNightlyHourGivesOneRun() {
        TestUser owner = api.dreamer("berliner");
        UUID berlin = zonedHub(owner, "Berlin", "Europe/Berlin");
        tick(owner, "2027-03-27T12:00:00Z", berlin);
        // 2027-03-28: 02:00 CET does not exist (01:00Z is 03:00 CEST), so the night's run is at 03:00 CEST.
        for (String moment : List.of(
                "2027-03-28T00:30:00Z",
                "2027-03-28T00:59:00Z",
                "2027-03-28T01:00:00Z",
                "2027-03-28T01:30:00Z",
                "2027-03-28T02:30:00Z",
                "2027-03-28T21:00:00Z")) {
            tick(owner, moment, berlin);
        }
        // 2027-10-31: 02:00 is passed twice (00:00Z in CEST, 01:00Z in CET); the first pass runs.
        for (String moment : List.of(
                "2027-10-30T23:59:00Z",
                "2027-10-31T00:00:00Z",
                "2027-10-31T00:30:00Z",
                "2027-10-31T01:00:00Z",
                "2027-10-31T01:30:00Z",
                "2027-10-31T22:00:00Z",
                "2027-11-01T01:00:00Z")) {
            tick(owner, moment, berlin);
        }
        assertThat(runStarts(owner, berlin))
                .containsExactly(
                        "2027-11-01T01:00:00Z",
                        "2027-10-31T00:00:00Z",
                        "2027-10-30T23:59:00Z",
                        "2027-03-28T01:00:00Z",
                        "2027-03-27T12:00:00Z");
    }

    private UUID zonedHub(TestUser owner, String name, String zone) {
        return UUID.fromString(api.ok(api.send(
                        owner, "POST", "/v1/hubs", "{\"name\": \"" + name + "\", \"time_zone\": \"" + zone + "\"}"))
                .path("id")
                .asText());
    }

    /**
     * Changes each hub (so only the schedule decides whether it is due), runs the schedule job at
     * {@code moment} and waits until the hubs' runs have ended.
     */
    private void tick(TestUser owner, String moment, UUID... hubs) {
        for (UUID hub : hubs) {
            api.push(owner, hub, "Standup note " + ++notes + ": the " + hub + " team shipped release " + notes + ".");
        }
        SERVER.server().bean(DreamScheduleJob.class).scheduleAt(Instant.parse(moment));
        for (UUID hub : hubs) {
            SERVER.http()
                    .getUntil(
                            Duration.ofSeconds(60),
                            "/v1/dreams?hub_id=" + hub,
                            r -> r.status() == 200
                                    && !r.json()
                                            .at("/data/runs")
                                            .findValuesAsText("status")
                                            .contains("running"),
                            "Authorization",
                            owner.bearer());
        }
    }

    /** When the hub's runs started, newest first; every one a completed nightly run. */
    private List<String> runStarts(TestUser owner, UUID hub) {
        List<String> starts = new ArrayList<>();
        for (JsonNode run :
                api.ok(api.send(owner, "GET", "/v1/dreams?hub_id=" + hub, null)).path("runs")) {
            assertThat(run.path("trigger").asText()).isEqualTo("scheduled");
            assertThat(run.path("status").asText()).isEqualTo("completed");
            starts.add(Instant.parse(run.path("started_at").asText()).toString());
        }
        return starts;
    }
}
