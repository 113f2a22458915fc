package dev.memax.server.dream;

import dev.memax.server.job.JobQueue;
import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code schedule-nightly-dreams}: once the nightly hour of a hub's local day (its
 * {@code time_zone}) has passed, every hub whose owner's plan includes dreams, that changed since
 * its latest run and has not dreamt since that moment, gets a scheduled run of every phase. Hubs
 * with a run already running are passed over until the next pass.
 */
@Singleton
public class DreamScheduleJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(DreamScheduleJob.class);
    private static final int BATCH = 500;
    private final DreamRepository runs;
    private final DreamPhases phases;
    private final JobQueue queue;
    private final Transactions transactions;
    private final DreamEvents events;
    private final DreamSettings settings;

    public DreamScheduleJob(
            DreamRepository runs,
            DreamPhases phases,
            JobQueue queue,
            Transactions transactions,
            DreamEvents events,
            DreamSettings settings) {
        this.runs = runs;
        this.phases = phases;
        this.queue = queue;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "schedule-nightly-dreams";
    }

    @Override
    public Duration interval() {
        return settings.scheduleInterval();
    }

    @Override
    public void run() {
        scheduleAt(Now.instant());
    }

    /** Starts the runs due at {@code now} (the tests name the moment). */
    void scheduleAt(Instant now) {
        Map<String, Instant> dueSince = new HashMap<>();
        for (String zone : runs.hubTimeZones()) {
            dueSince.put(zone, lastNightly(now, settings.nightlyHour(), ZoneId.of(zone)));
        }
        for (DreamRepository.DueHub hub : runs.dueHubs(dueSince, BATCH)) {
            transactions
                    .executeWrite(status -> runs.insertRun(
                                    Ids.newId(),
                                    hub.hubId(),
                                    hub.ownerId(),
                                    null,
                                    "scheduled",
                                    false,
                                    phases.names(),
                                    now,
                                    now.plus(settings.lease()))
                            .map(run -> {
                                events.changed(run, DreamStatus.RUNNING, null);
                                return run;
                            }))
                    .ifPresent(run -> {
                        queue.enqueue(DreamExecutor.JOB, run.id().toString());
                        LOG.info("Dream run {} of hub {}: nightly run started", run.id(), run.hubId());
                    });
        }
    }

    /**
     * The latest moment at the nightly hour of a local day of the zone not after {@code now}:
     * one moment per local day, DST included. An hour a spring change skips moves on by the gap
     * (02:00 → 03:00); an hour an autumn change repeats is its first pass (the earlier offset).
     */
    static Instant lastNightly(Instant now, int hour, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant tonight = today.atTime(hour, 0).atZone(zone).toInstant();
        return tonight.isAfter(now)
                ? today.minusDays(1).atTime(hour, 0).atZone(zone).toInstant()
                : tonight;
    }
}
