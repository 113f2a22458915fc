package dev.memax.server.dream;

import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 4: archive {@code volatile} memories nobody needs any more (docs/architecture.md §5,
 * "Dream phases"). A volatile, unpinned, active memory is stale when either
 * <ul>
 *   <li>it was superseded and nobody has read it for {@link Settings#supersededIdle()}, or
 *   <li>it is older than {@link Settings#maxAge()} (since its last change) and nobody has read it
 *       for {@link Settings#idle()}.
 * </ul>
 * Never read counts from its last change. {@code evolving} and {@code stable} memories are never
 * archived for age.
 */
public final class StaleRule {
    public record Settings(Duration maxAge, Duration idle, Duration supersededIdle) {
        public static Settings defaults() {
            return new Settings(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(7));
        }
    }

    public enum Cause {
        SUPERSEDED,
        AGE
    }

    public record Proposal(UUID memoryId, Cause cause, double score, String reason) implements DreamFinding {
        @Override
        public List<UUID> memoryIds() {
            return List.of(memoryId);
        }
    }

    private final Settings settings;

    public StaleRule(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param superseded memories marked (or, in this run, proposed) superseded
     */
    public List<Proposal> find(List<DreamMemory> memories, Set<UUID> superseded, Instant now) {
        return memories.stream()
                .filter(m -> m.state() == MemoryState.ACTIVE
                        && m.stability() == Stability.VOLATILE
                        && !m.protectedFromDreams())
                .sorted(Comparator.comparing(SupersedeFinder::statedAt).thenComparing(DreamMemory::id))
                .map(m -> judge(m, superseded.contains(m.id()), now))
                .filter(Objects::nonNull)
                .toList();
    }

    private Proposal judge(DreamMemory memory, boolean superseded, Instant now) {
        Instant changed = SupersedeFinder.statedAt(memory);
        boolean neverRead = memory.lastAccessedAt() == null || memory.accessCount() == 0;
        Instant lastUse = neverRead ? changed : memory.lastAccessedAt();
        Duration idle = Duration.between(lastUse, now);
        Duration age = Duration.between(changed, now);
        String reads = String.format(
                Locale.ROOT,
                "not read for %d days (%s)",
                idle.toDays(),
                neverRead ? "never read" : "read " + memory.accessCount() + " times");
        if (superseded && idle.compareTo(settings.supersededIdle()) >= 0) {
            return new Proposal(memory.id(), Cause.SUPERSEDED, 1.0, "volatile and superseded, " + reads);
        }
        if (age.compareTo(settings.maxAge()) >= 0 && idle.compareTo(settings.idle()) >= 0) {
            double score =
                    Math.min(1.0, age.toSeconds() / (2.0 * settings.maxAge().toSeconds()));
            return new Proposal(
                    memory.id(),
                    Cause.AGE,
                    score,
                    String.format(
                            Locale.ROOT,
                            "volatile, unchanged for %d days (limit %d), %s",
                            age.toDays(),
                            settings.maxAge().toDays(),
                            reads));
        }
        return null;
    }
}
