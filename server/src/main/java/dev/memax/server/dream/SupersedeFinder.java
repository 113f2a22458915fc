package dev.memax.server.dream;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Phase 2: a newer memory that updates an older one on the same subject marks the older
 * {@code superseded_by} the newer (docs/architecture.md §5, "Dream phases"). Two ways to know:
 * <ul>
 *   <li><b>lineage</b>: the two came from versions of one document ({@code notes/pricing-v1.md},
 *       {@code notes/pricing-v2.md}, {@code pricing (2).md}, {@code pricing-final.md}) and still say
 *       much the same thing;
 *   <li><b>changed facts</b>: nearly the same vector and the same words (update cues aside), with its
 *       numbers or dates replaced (its names kept), or its names replaced where the newer says it is
 *       an update ("now", "moved", "instead").
 * </ul>
 * Only within one kind, never for {@code episodic} memories by similarity (a later event does not
 * undo an earlier one), never a protected memory as the older. Chains collapse: when B supersedes A
 * and C supersedes B, A points at C, the fact that holds now.
 */
public final class SupersedeFinder {
    /** Version markers at the end of a file name: v2, rev-3, version 1.2, (2), final, old, copy. */
    private static final Pattern VERSION_SUFFIX =
            Pattern.compile("(?:[-_ .]*(?:v|ver|version|rev|revision)[-_ .]?\\d+(?:\\.\\d+)*"
                    + "|\\s*\\(\\d+\\)"
                    + "|[-_ .]+(?:old|new|final|latest|draft|copy|backup|updated|orig|original))$");

    /**
     * @param similarity        least cosine for the changed-facts way
     * @param coverage          least share of either's words the other must have
     * @param lineageSimilarity least cosine between two versions of one document
     * @param lineageOverlap    least word overlap (Jaccard) between two versions when either has no vector
     */
    public record Settings(double similarity, double coverage, double lineageSimilarity, double lineageOverlap) {
        public static Settings defaults() {
            return new Settings(0.88, 0.9, 0.6, 0.3);
        }
    }

    public enum Basis {
        LINEAGE,
        CHANGED_FACTS
    }

    public record Proposal(UUID older, UUID newer, Basis basis, double score, String reason) implements DreamFinding {
        @Override
        public List<UUID> memoryIds() {
            return List.of(older, newer);
        }
    }

    private record Candidate(
            DreamMemory memory, Instant statedAt, DreamText.Statement statement, String lineage, float[] unit) {}

    private final Settings settings;
    private final DreamNeighbours neighbours;

    public SupersedeFinder(Settings settings) {
        this(settings, DreamNeighbours.standard());
    }

    /** @param neighbours which similar pairs are compared at all */
    public SupersedeFinder(Settings settings, DreamNeighbours neighbours) {
        this.settings = settings;
        this.neighbours = neighbours;
    }

    /** Proposals for the active memories among {@code memories}, ordered by the older's age then id. */
    public List<Proposal> find(List<DreamMemory> memories) {
        List<Candidate> candidates = memories.stream()
                .filter(m -> m.state() == MemoryState.ACTIVE)
                .map(m -> new Candidate(
                        m,
                        statedAt(m),
                        DreamText.analyse(DreamText.of(m)),
                        lineage(m.sourcePath()),
                        DreamVectors.unit(m.vector())))
                .sorted(Comparator.comparing(Candidate::statedAt)
                        .thenComparing(c -> c.memory().id()))
                .toList();
        Map<UUID, Proposal> best = new HashMap<>();
        for (long pair : comparable(candidates)) {
            Candidate older = candidates.get((int) (pair >>> 32));
            if (older.memory().protectedFromDreams()) {
                continue;
            }
            Proposal proposal = compare(older, candidates.get((int) pair));
            if (proposal != null && better(proposal, best.get(older.memory().id()))) {
                best.put(older.memory().id(), proposal);
            }
        }
        List<Proposal> out = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Proposal proposal = best.get(candidate.memory().id());
            if (proposal != null) {
                out.add(toHead(proposal, best));
            }
        }
        return out;
    }

    /**
     * The pairs that can supersede (older index in the high half, newer in the low, in stated order):
     * versions of one document, and memories of one hub and kind whose vectors reach the similarity
     * floor ({@link DreamNeighbours}), so a large hub costs ~n·k, not n².
     */
    private long[] comparable(List<Candidate> candidates) {
        Set<Long> pairs = new HashSet<>();
        Map<String, List<Integer>> versions = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).lineage() != null) {
                versions.computeIfAbsent(candidates.get(i).lineage(), l -> new ArrayList<>())
                        .add(i);
            }
        }
        for (List<Integer> document : versions.values()) {
            for (int x = 0; x < document.size(); x++) {
                for (int y = x + 1; y < document.size(); y++) {
                    pairs.add((long) document.get(x) << 32 | document.get(y));
                }
            }
        }
        List<float[]> vectors = candidates.stream().map(Candidate::unit).toList();
        List<DreamMemory.Scope> groups =
                candidates.stream().map(c -> c.memory().scope()).toList();
        for (DreamNeighbours.Pair pair : neighbours.withinGroups(vectors, groups, settings.similarity())) {
            pairs.add((long) pair.a() << 32 | pair.b());
        }
        return pairs.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private Proposal compare(Candidate older, Candidate newer) {
        DreamMemory a = older.memory();
        DreamMemory b = newer.memory();
        if (!a.hubId().equals(b.hubId())
                || a.kind() != b.kind()
                || !older.statedAt().isBefore(newer.statedAt())) {
            return null;
        }
        double cosine = DreamVectors.dot(older.unit(), newer.unit());
        if (older.lineage() != null
                && older.lineage().equals(newer.lineage())
                && !a.sourcePath().equals(b.sourcePath())) {
            boolean vectors = older.unit() != null && newer.unit() != null;
            double similarity = vectors
                    ? cosine
                    : DreamText.jaccard(
                            older.statement().words(), newer.statement().words());
            if (similarity >= (vectors ? settings.lineageSimilarity() : settings.lineageOverlap())) {
                return new Proposal(
                        a.id(),
                        b.id(),
                        Basis.LINEAGE,
                        similarity,
                        String.format(
                                Locale.ROOT,
                                "a newer version of the same document: %s replaces %s (similarity %.2f)",
                                b.sourcePath(),
                                a.sourcePath(),
                                similarity));
            }
        }
        if (a.kind() == MemoryKind.EPISODIC || cosine < settings.similarity()) {
            return null;
        }
        DreamText.Statement sa = older.statement();
        DreamText.Statement sb = newer.statement();
        // Same words both ways: a word lost or added ("the test key") may be another subject.
        if (sa.words().isEmpty()
                || DreamText.coverage(sa.words(), sb.words()) < settings.coverage()
                || DreamText.coverage(sb.words(), sa.words()) < settings.coverage()) {
            return null;
        }
        Set<String> oldFacts = minus(sa.facts(), sb.facts());
        Set<String> newFacts = minus(sb.facts(), sa.facts());
        Set<String> oldNames = minus(sa.names(), sb.names());
        Set<String> newNames = minus(sb.names(), sa.names());
        String change;
        if (!oldFacts.isEmpty() && !newFacts.isEmpty() && oldNames.isEmpty()) {
            change = "numbers or dates changed: " + String.join(", ", oldFacts) + " → " + String.join(", ", newFacts);
        } else if (!oldNames.isEmpty() && !newNames.isEmpty() && oldFacts.isEmpty() && sb.updateCue()) {
            change = "names changed: " + String.join(", ", oldNames) + " → " + String.join(", ", newNames);
        } else {
            return null;
        }
        return new Proposal(
                a.id(),
                b.id(),
                Basis.CHANGED_FACTS,
                cosine,
                String.format(
                        Locale.ROOT, "a newer statement on the same subject, %s (similarity %.2f)", change, cosine));
    }

    /** A version of one document beats a similar statement; then the surer, then the newer. */
    private static boolean better(Proposal proposal, Proposal current) {
        if (current == null) {
            return true;
        }
        if (proposal.basis() != current.basis()) {
            return proposal.basis() == Basis.LINEAGE;
        }
        // Candidates come newest-last, so on a tie the later one wins.
        return proposal.score() >= current.score();
    }

    /** The proposal retargeted at the newest memory of its chain. */
    private static Proposal toHead(Proposal proposal, Map<UUID, Proposal> best) {
        UUID head = proposal.newer();
        Set<UUID> seen = new HashSet<>();
        while (best.containsKey(head) && seen.add(head)) {
            head = best.get(head).newer();
        }
        if (head.equals(proposal.newer())) {
            return proposal;
        }
        return new Proposal(
                proposal.older(),
                head,
                proposal.basis(),
                proposal.score(),
                proposal.reason() + "; itself superseded since, so it points at the latest, " + head);
    }

    /** When a memory last said what it says: its last update, or its creation. */
    static Instant statedAt(DreamMemory memory) {
        return Objects.requireNonNullElse(memory.updatedAt(), memory.createdAt());
    }

    /** The document a path is a version of (folder + name without version marker or extension), or null. */
    static String lineage(String sourcePath) {
        if (sourcePath == null || sourcePath.isBlank()) {
            return null;
        }
        String path = sourcePath.strip().toLowerCase(Locale.ROOT);
        int slash = path.lastIndexOf('/');
        String folder = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        for (String stripped = VERSION_SUFFIX.matcher(stem).replaceFirst("");
                !stripped.equals(stem);
                stripped = VERSION_SUFFIX.matcher(stem).replaceFirst("")) {
            stem = stripped;
        }
        return stem.isBlank() ? null : folder + stem;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
