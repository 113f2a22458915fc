package dev.memax.server.dream;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubType;
import dev.memax.server.job.JobQueue;
import dev.memax.server.plan.Plan;
import dev.memax.server.plan.PlanService;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.Transactions;
import dev.memax.server.usage.UsagePeriod;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dream runs: starting them on demand and reading them (docs/architecture.md §5.14). A run
 * starts only when the hub owner's plan includes dreams, the hub has no run running (the partial
 * unique index on {@code dream_runs} decides between concurrent triggers on any instances) and
 * its last run started at least the cool-down ago; it then executes on the job runner
 * ({@link DreamExecutor}).
 */
@Singleton
public class DreamService {
    static final int REPORT_ACTIONS = 50;
    private final DreamRepository runs;
    private final DreamPhases phases;
    private final AccessPolicy policy;
    private final PlanService plans;
    private final Transactions transactions;
    private final JobQueue queue;
    private final DreamEvents events;
    private final DreamSettings settings;
    private final Cursors cursors;

    public DreamService(
            DreamRepository runs,
            DreamPhases phases,
            AccessPolicy policy,
            PlanService plans,
            Transactions transactions,
            JobQueue queue,
            DreamEvents events,
            DreamSettings settings,
            Cursors cursors) {
        this.runs = runs;
        this.phases = phases;
        this.policy = policy;
        this.plans = plans;
        this.transactions = transactions;
        this.queue = queue;
        this.events = events;
        this.settings = settings;
        this.cursors = cursors;
    }

    /**
     * {@code POST /v1/dreams/trigger}: starts a run of the hub (the body's {@code hub_id}, else
     * {@code X-Hub-ID}, else the personal hub). Triggering needs {@link HubAction#MODERATE}: a
     * run changes anyone's memories.
     */
    public DreamRun trigger(Caller caller, String hubHeader, DreamRequests.Trigger request) {
        DreamRequests.Trigger body = request == null ? DreamRequests.Trigger.EMPTY : request;
        List<String> requested = phases.requested(body.phases());
        Hub hub = policy.writeTarget(caller, body.hubId() != null ? body.hubId() : hubHeader, HubAction.MODERATE)
                .hub();
        requireDreams(hub);
        DreamRun run = transactions.executeWrite(status -> {
            Instant now = Now.instant();
            runs.running(hub.id()).ifPresent(current -> {
                throw running(current.id());
            });
            Optional<Instant> retryAt = coolingUntil(hub.id(), now);
            if (retryAt.isPresent()) {
                long seconds = Math.max(1, retryAt.get().getEpochSecond() - now.getEpochSecond());
                throw new ApiException(
                        ErrorCode.DREAM_COOLDOWN,
                        "This hub dreamt recently; it may dream again at " + retryAt.get(),
                        Map.of("retry_at", retryAt.get().toString()),
                        Map.of("Retry-After", Long.toString(seconds)));
            }
            DreamRun started = runs.insertRun(
                            Ids.newId(),
                            hub.id(),
                            hub.ownerId(),
                            caller.userId(),
                            "manual",
                            Boolean.TRUE.equals(body.dryRun()),
                            requested,
                            now,
                            now.plus(settings.lease()))
                    .orElseThrow(() ->
                            running(runs.running(hub.id()).map(DreamRun::id).orElse(null)));
            events.changed(started, DreamStatus.RUNNING, null);
            return started;
        });
        queue.enqueue(DreamExecutor.JOB, run.id().toString());
        return run;
    }

    /** {@code GET /v1/dreams}: runs of the hub named, else of every hub the caller reads, newest first. */
    public Page<DreamRun> list(Caller caller, String hubId, PageRequest page) {
        List<UUID> hubs = hubId == null || hubId.isBlank()
                ? policy.readableHubIds(caller)
                : List.of(policy.authorize(caller, hubId.strip(), HubAction.READ)
                        .hub()
                        .id());
        return cursors.page(
                "runs",
                "dream-runs:" + (hubs.size() == 1 ? hubs.get(0) : "*"),
                page,
                (after, limit) -> hubs.isEmpty() ? List.of() : runs.list(hubs, after, limit),
                run -> DreamRepository.position(run.startedAt(), run.id()));
    }

    /** {@code GET /v1/dreams/{id}}: the run and a page of its actions, in the order they were taken. */
    public RunDetail get(Caller caller, String id, PageRequest page) {
        DreamRun run = readable(caller, id);
        Page<DreamAction> actions = cursors.page(
                "actions",
                "dream-actions:" + run.id(),
                page,
                (after, limit) -> runs.actions(run.id(), after, limit),
                action -> DreamRepository.position(action.createdAt(), action.id()));
        return new RunDetail(run, actions.items(), actions.nextCursor(), actions.hasMore());
    }

    /** A run with one page of its actions. */
    public record RunDetail(DreamRun run, List<DreamAction> actions, String nextCursor, boolean hasMore) {}

    /** {@code GET /v1/dreams/report}: the hub's latest run (query {@code hub_id}, else {@code X-Hub-ID}, else personal). */
    public DreamReport report(Caller caller, String hubId) {
        Hub hub = policy.writeTarget(caller, hubId, HubAction.READ).hub();
        DreamReport.PendingReview none = new DreamReport.PendingReview(0, 0, 0, 0);
        return runs.latest(hub.id())
                .map(run -> new DreamReport(
                        true,
                        null,
                        run,
                        runs.actions(run.id(), null, REPORT_ACTIONS),
                        new DreamReport.Intelligence(
                                new DreamReport.LatestRun(
                                        run.duplicatesMerged(),
                                        run.contradictionsFound(),
                                        run.memoriesArchived(),
                                        run.memoriesOrganized(),
                                        run.topicsRestructured()),
                                none)))
                .orElseGet(() -> new DreamReport(
                        false, "This hub has not dreamt yet.", null, null, new DreamReport.Intelligence(null, none)));
    }

    /** {@code GET /v1/usage/dreams}: the hub's dreams this period and whether the caller may trigger one now. */
    public DreamUsage usage(Caller caller, String hubId) {
        Hub hub = policy.writeTarget(caller, hubId, HubAction.READ).hub();
        Plan plan = plans.planOf(hub.ownerId());
        Instant now = Now.instant();
        UsagePeriod period = UsagePeriod.of(now);
        boolean allowed = plan.dreams()
                && policy.allows(caller, hub.id(), HubAction.MODERATE)
                && runs.running(hub.id()).isEmpty()
                && coolingUntil(hub.id(), now).isEmpty();
        return new DreamUsage(
                hub.hubType() == HubType.TEAM ? "hub" : "personal",
                hub.id(),
                plan.dreams() ? "lucid" : "basic",
                "hard",
                plan.dreams() ? -1 : 0,
                runs.countSince(hub.id(), period.start()),
                plan.dreams() ? null : 0L,
                allowed,
                period.start(),
                period.end(),
                "plan");
    }

    /** A run the caller may read ({@code not_found} otherwise, as for anything not visible). */
    DreamRun readable(Caller caller, String id) {
        DreamRun run =
                runs.find(Ids.parseOrNotFound(id, "Dream run")).orElseThrow(() -> ApiException.notFound("Dream run"));
        if (!policy.allows(caller, run.hubId(), HubAction.READ)) {
            throw ApiException.notFound("Dream run");
        }
        return run;
    }

    private void requireDreams(Hub hub) {
        Plan plan = plans.planOf(hub.ownerId());
        if (!plan.dreams()) {
            throw new ApiException(
                    ErrorCode.FEATURE_NOT_IN_PLAN,
                    "Dreams are not included in the " + plan.name() + " plan of this hub's owner",
                    Map.of("feature", "dreams", "plan", plan.id()));
        }
    }

    private Optional<Instant> coolingUntil(UUID hubId, Instant now) {
        return runs.lastStarted(hubId).map(at -> at.plus(settings.cooldown())).filter(until -> until.isAfter(now));
    }

    static ApiException running(UUID runId) {
        return new ApiException(
                ErrorCode.DREAM_RUNNING,
                "This hub is already dreaming",
                runId == null ? Map.of() : Map.of("run_id", runId.toString()));
    }
}
