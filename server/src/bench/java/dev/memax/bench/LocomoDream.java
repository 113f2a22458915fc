package dev.memax.bench;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.DreamAction;
import dev.memax.sdk.models.DreamRun;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.models.RecalledMemory;
import dev.memax.sdk.params.DreamTriggerParams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * LoCoMo dev recall before and after a dream over each conversation's hub, and after undoing it
 * ({@code bench-recall.sh quality --datasets locomo --dream}; docs/benchmarks.md "Recall after a dream").
 * A full run (every phase) per hub, through {@code POST /v1/dreams/trigger}; then each run is undone through
 * {@code POST /v1/dreams/{id}/undo}, which must give the first figures back.
 *
 * <p>After the dream, a result answers for turns two ways: "turns only" counts a recalled turn for itself
 * (a summary counts for nothing), "with sources" also counts a survivor for the turns merged into it and a
 * summary for the turns it was written from ({@code derived_from}), as a reader following its citations would.
 */
final class LocomoDream {
    private LocomoDream() {}

    static void beforeAndAfter(
            BenchEnv env,
            MemaxClient client,
            List<Datasets.Conversation> conversations,
            Map<String, String> hubs,
            RecallMode mode)
            throws InterruptedException {
        Map<UUID, String> turnOf = new HashMap<>();
        hubs.values().forEach(hub -> turnOf.putAll(Locomo.turnsByMemory(client, hub)));
        QualityBench.resetAccessCounts(env);
        Map<Integer, Double> before = QualityBench.evalLocomo(
                        client, conversations, hubs, mode, Map.of("before the dream", QualityBench.TURN_ITSELF))
                .get("before the dream");

        List<DreamRun> runs = new ArrayList<>();
        Map<UUID, List<UUID>> mergedInto = new HashMap<>();
        for (Map.Entry<String, String> hub : hubs.entrySet()) {
            long started = System.nanoTime();
            DreamRun run = Dreams.run(
                    client,
                    DreamTriggerParams.builder()
                            .hubId(UUID.fromString(hub.getValue()))
                            .build());
            System.out.printf(
                    "# dream %s: %s in %.1f s, merged %d, contradictions %d, archived %d, organised %d; phases %s%n",
                    hub.getKey(),
                    run.status(),
                    (System.nanoTime() - started) / 1e9,
                    run.duplicatesMerged(),
                    run.contradictionsFound(),
                    run.memoriesArchived(),
                    run.memoriesOrganized(),
                    phaseSummary(run));
            for (DreamAction action : Dreams.actions(client, run)) {
                if ("merge".equals(action.phase())) {
                    mergedInto
                            .computeIfAbsent(action.resultMemoryId(), s -> new ArrayList<>())
                            .addAll(action.sourceMemoryIds());
                }
            }
            runs.add(run);
        }

        Function<RecalledMemory, Collection<String>> withSources = memory -> {
            Set<String> turns = new LinkedHashSet<>();
            List<UUID> answered = new ArrayList<>(memory.derivedFrom());
            answered.add(memory.id());
            for (UUID id : answered) {
                if (turnOf.containsKey(id)) {
                    turns.add(turnOf.get(id));
                }
                mergedInto.getOrDefault(id, List.of()).forEach(merged -> turns.add(turnOf.get(merged)));
            }
            return turns;
        };
        Map<String, Function<RecalledMemory, Collection<String>>> readings = new LinkedHashMap<>();
        readings.put("after, turns only", QualityBench.TURN_ITSELF);
        readings.put("after, with sources", withSources);
        QualityBench.resetAccessCounts(env);
        Map<String, Map<Integer, Double>> after = QualityBench.evalLocomo(client, conversations, hubs, mode, readings);

        for (DreamRun run : runs) {
            client.dreams().undo(run.id());
        }
        QualityBench.resetAccessCounts(env);
        Map<Integer, Double> undone = QualityBench.evalLocomo(
                        client, conversations, hubs, mode, Map.of("after undo", QualityBench.TURN_ITSELF))
                .get("after undo");

        System.out.printf(
                "%nLoCoMo dev recall@10 around a dream (every phase, one run per conversation hub)%n"
                        + "  %-16s %10s %18s %20s %12s%n",
                "category", "before", "after: turns only", "after: with sources", "after undo");
        for (int category : before.keySet()) {
            System.out.printf(
                    "  %-16s %10.4f %18.4f %20.4f %12.4f%n",
                    category == 0 ? "all (1-4)" : String.valueOf(category),
                    before.get(category),
                    after.get("after, turns only").get(category),
                    after.get("after, with sources").get(category),
                    undone.get(category));
        }
    }

    private static String phaseSummary(DreamRun run) {
        StringBuilder out = new StringBuilder();
        run.phaseMetrics()
                .forEach((phase, m) -> out.append(phase)
                        .append('=')
                        .append(m.actions())
                        .append(m.failed() ? "(failed: " + m.error() + ")" : "")
                        .append(' '));
        return out.toString().strip();
    }
}
