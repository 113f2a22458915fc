package dev.memax.server.dream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.job.OneTimeJob;
import dev.memax.server.plan.PlanService;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a dream run: the {@code dream-run} job that {@link DreamService} and
 * {@link DreamResumeJob} queue with the run's id (docs/architecture.md §3.1, §5.14).
 *
 * <p>The instance executing a run holds its lease and extends it as it works; every write of the
 * run is conditioned on still holding it, so an instance that lost it (it stalled past the lease,
 * and another resumed the run) stops without writing. A run resumes after its
 * {@code last_finished_phase}: a finished phase never runs twice. A phase interrupted midway runs
 * again from the start, on the memories as they are now: what it already applied changed those
 * memories (a merged memory is archived and no longer loaded), so nothing is applied twice.
 */
@Singleton
public class DreamExecutor implements OneTimeJob {
    static final String JOB = "dream-run";
    private static final String RESUMPTION = "/lease-";
    private static final Logger LOG = LoggerFactory.getLogger(DreamExecutor.class);
    /** Progress and lease are written at most this often while a phase applies its actions. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final DreamRepository runs;
    private final DreamMemories memories;
    private final DreamPhases phases;
    private final DreamWriter writer;
    private final EmbeddingProvider embeddings;
    private final PlanService plans;
    private final Transactions transactions;
    private final DreamEvents events;
    private final DreamSettings settings;
    private final DreamModel model;
    private final ObjectMapper json;

    public DreamExecutor(
            DreamRepository runs,
            DreamMemories memories,
            DreamPhases phases,
            DreamWriter writer,
            EmbeddingProvider embeddings,
            PlanService plans,
            Transactions transactions,
            DreamEvents events,
            DreamSettings settings,
            DreamModel model,
            ObjectMapper json) {
        this.runs = runs;
        this.memories = memories;
        this.phases = phases;
        this.writer = writer;
        this.embeddings = embeddings;
        this.plans = plans;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
        this.model = model;
        this.json = json;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** The job id that resumes the run whose lease expired at {@code leaseUntil} ({@link DreamResumeJob}). */
    static String resumption(UUID runId, Instant leaseUntil) {
        return runId + RESUMPTION + leaseUntil.toEpochMilli();
    }

    /** The job's id: the run's id, followed by the expired lease's end when it resumes the run. */
    @Override
    public void run(String instanceId) {
        int resumption = instanceId.indexOf(RESUMPTION);
        UUID runId = UUID.fromString(resumption < 0 ? instanceId : instanceId.substring(0, resumption));
        String lease = Ids.newId().toString();
        if (!runs.claim(runId, lease, Now.instant(), leaseEnd())) {
            return;
        }
        DreamRun run = runs.find(runId).orElseThrow();
        try {
            execute(run, lease);
        } catch (LeaseLost e) {
            LOG.warn("Dream run {} of hub {}: lease lost, another instance continues it", run.id(), run.hubId());
        }
    }

    private void execute(DreamRun run, String lease) {
        if (!plans.planOf(run.ownerId()).dreams()) {
            finish(run, lease, DreamStatus.SKIPPED, "Skipped: the hub owner's plan does not include dreams.");
            return;
        }
        List<DreamPhase> pending = phases.after(run.phases(), run.lastFinishedPhase());
        LOG.info(
                "Dream run {} of hub {}: {} phase(s) {}{}",
                run.id(),
                run.hubId(),
                run.lastFinishedPhase() == null ? "starting" : "resuming after " + run.lastFinishedPhase() + " with",
                pending.stream().map(DreamPhase::name).toList(),
                run.dryRun() ? " (dry run)" : "");
        // Phases ask the model while proposing, before any row is locked: each call renews the lease first.
        DreamModel.Allowance calls =
                model.allowance(run, () -> require(runs.heartbeat(run.id(), lease, 0, 0, leaseEnd())));
        for (DreamPhase phase : pending) {
            runPhase(run, lease, phase, calls);
        }
        DreamRun done = runs.find(run.id()).orElseThrow();
        long failed = run.phases().stream()
                .filter(p -> done.phaseMetrics().path(p).path("failed").asBoolean())
                .count();
        DreamStatus status = failed == 0
                ? DreamStatus.COMPLETED
                : failed == run.phases().size() ? DreamStatus.FAILED : DreamStatus.PARTIAL_FAILED;
        finish(done, lease, status, report(done, failed));
    }

    private void runPhase(DreamRun run, String lease, DreamPhase phase, DreamModel.Allowance calls) {
        transactions.executeWrite(s -> {
            require(runs.startPhase(run.id(), lease, phase.name(), leaseEnd()));
            events.changed(run, DreamStatus.RUNNING, phase.name());
            return null;
        });
        long started = System.nanoTime();
        ObjectNode metrics = json.createObjectNode();
        int applied = 0;
        // A phase restarted after its instance died: what that attempt applied counts too.
        int consumed = runs.phaseActions(run.id(), phase.name()).stream()
                .mapToInt(done -> phase.counted(done.sourceMemoryIds(), done.memoryIds()))
                .sum();
        int skipped = 0;
        int scanned = 0;
        try {
            Instant now = Now.instant();
            List<DreamMemory> loaded = memories.load(run.hubId(), embeddings.modelId(), now);
            scanned = loaded.size();
            List<DreamProposal> proposals = phase.propose(loaded, runs.settled(run.id()), now, calls);
            metrics.put("candidates", loaded.size());
            metrics.put("attempted", proposals.size());
            long lastBeat = System.nanoTime();
            for (int i = 0; i < proposals.size(); i++) {
                DreamProposal proposal = proposals.get(i);
                if (apply(run, phase, proposal)) {
                    applied++;
                    consumed += phase.counted(proposal.sourceMemoryIds(), proposal.memoryIds());
                } else {
                    skipped++;
                }
                if (System.nanoTime() - lastBeat > PROGRESS_EVERY.toNanos() || i == proposals.size() - 1) {
                    require(runs.heartbeat(run.id(), lease, i + 1, proposals.size(), leaseEnd()));
                    lastBeat = System.nanoTime();
                }
            }
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Dream run {} of hub {}: phase {} failed", run.id(), run.hubId(), phase.name(), e);
            metrics.put("failed", true);
            metrics.put("error", e.getClass().getSimpleName());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        metrics.put("processed", applied + skipped);
        metrics.put("actions", applied);
        metrics.put("skipped", skipped);
        metrics.put("duration_ms", ms);
        require(runs.finishPhase(run.id(), lease, phase.name(), metrics, phase.counter(), consumed, scanned));
        LOG.info(
                "Dream run {} of hub {}: phase {} {} {} action(s), {} skipped, {} ms",
                run.id(),
                run.hubId(),
                phase.name(),
                run.dryRun() ? "proposed" : "applied",
                applied,
                skipped,
                ms);
    }

    /** Applies one proposal in its own transaction (in a dry run: records it only); false when it no longer holds. */
    private boolean apply(DreamRun run, DreamPhase phase, DreamProposal proposal) {
        return transactions.executeWrite(status ->
                writer.apply(run, phase.name(), proposal, run.triggeredBy()).isPresent());
    }

    private void finish(DreamRun run, String lease, DreamStatus status, String report) {
        transactions.executeWrite(s -> {
            require(runs.finish(run.id(), lease, status, report, Now.instant()));
            events.changed(run, status, null);
            return null;
        });
        LOG.info("Dream run {} of hub {}: {}: {}", run.id(), run.hubId(), status, report);
    }

    private static String report(DreamRun run, long failedPhases) {
        StringBuilder out = new StringBuilder();
        out.append(run.dryRun() ? "Dry run: nothing was changed. " : "")
                .append("Scanned ")
                .append(run.memoriesScanned())
                .append(" memories; ")
                .append(run.dryRun() ? "would merge " : "merged ")
                .append(run.duplicatesMerged())
                .append(run.duplicatesMerged() == 1 ? " duplicate, " : " duplicates, ")
                .append(run.dryRun() ? "archive " : "archived ")
                .append(run.memoriesArchived())
                .append(
                        run.memoriesArchived() == 1
                                ? " superseded or stale memory, "
                                : " superseded or stale memories, ")
                .append(run.dryRun() ? "flag " : "flagged ")
                .append(run.contradictionsFound())
                .append(run.contradictionsFound() == 1 ? " contradiction." : " contradictions.");
        if (run.memoriesOrganized() > 0) {
            out.append(run.dryRun() ? " Would organize " : " Organized ")
                    .append(run.memoriesOrganized())
                    .append(run.memoriesOrganized() == 1 ? " memory" : " memories")
                    .append(" into topics.");
        }
        if (failedPhases > 0) {
            out.append(" ").append(failedPhases).append(" phase(s) failed.");
        }
        return out.toString();
    }

    private Instant leaseEnd() {
        return Now.instant().plus(settings.lease());
    }

    private static void require(boolean held) {
        if (!held) {
            throw new LeaseLost();
        }
    }

    /** This instance no longer holds the run's lease: it must stop without writing more. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
