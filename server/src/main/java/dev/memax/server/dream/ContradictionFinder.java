package dev.memax.server.dream;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.platform.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 3 without a language model: two memories on the same subject whose statements conflict,
 * each pair to become a review notification (docs/architecture.md §5, "Dream phases"). Precision
 * over recall: a pair is flagged only when one sentence of each says the same thing about the same
 * names (the same content words, nearly all of them) and they differ in exactly one way:
 * <ul>
 *   <li>{@link Cue#NEGATION}: one is negated and the other not, with the same numbers and dates;
 *   <li>{@link Cue#NUMBER} / {@link Cue#DATE}: both or neither negated, each stating a number (a date)
 *       the other replaces.
 * </ul>
 * Same hub, same kind, both close in meaning; never {@code episodic} memories (two events may differ
 * in every number and both be true). A proposal carries both statements, so a model judge can
 * confirm or refuse it before it is filed.
 */
public final class ContradictionFinder {
    /**
     * @param subjectSimilarity least cosine of the two memories' vectors
     * @param statementOverlap  least Jaccard of the two sentences' content words
     * @param minWords          least content words a sentence must have to be compared
     */
    public record Settings(double subjectSimilarity, double statementOverlap, int minWords) {
        public static Settings defaults() {
            return new Settings(0.75, 0.8, 2);
        }
    }

    public enum Cue {
        NEGATION,
        NUMBER,
        DATE
    }

    /**
     * @param first           the earlier stated memory
     * @param firstStatement  its sentence in conflict
     * @param secondStatement the later memory's sentence in conflict
     * @param cue             the textual cue; null when only a model saw the conflict
     * @param judgedBy        the model whose verdict flagged the pair; null when the heuristics did
     */
    public record Proposal(
            UUID first,
            UUID second,
            Cue cue,
            String firstStatement,
            String secondStatement,
            double score,
            String reason,
            String judgedBy)
            implements DreamFinding {
        @Override
        public List<UUID> memoryIds() {
            return List.of(first, second);
        }
    }

    private record Candidate(DreamMemory memory, float[] unit, List<DreamText.Statement> sentences) {}

    private final Settings settings;
    private final DreamNeighbours neighbours;

    public ContradictionFinder(Settings settings) {
        this(settings, DreamNeighbours.standard());
    }

    /** @param neighbours which pairs are compared at all: those on the same subject by vector */
    public ContradictionFinder(Settings settings, DreamNeighbours neighbours) {
        this.settings = settings;
        this.neighbours = neighbours;
    }

    public List<Proposal> find(List<DreamMemory> memories) {
        return find(memories, Set.of());
    }

    /**
     * Proposals among the active memories, leaving out {@code settled} ones (merged or superseded
     * earlier in the run, which a dry run has not applied), ordered by the first's age then ids.
     */
    public List<Proposal> find(List<DreamMemory> memories, Set<UUID> settled) {
        return pairs(memories, settled).stream()
                .map(Pair::flagged)
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Two memories on the same subject (same hub and kind, not episodic, cosine at least
     * {@link Settings#subjectSimilarity()}): what a model judges.
     *
     * @param first      the earlier stated
     * @param similarity their vectors' cosine
     * @param flagged    the heuristics' proposal for the pair, or null when they see no conflict
     */
    public record Pair(DreamMemory first, DreamMemory second, double similarity, Proposal flagged) {}

    /** Every pair on the same subject, in the order of {@link #find(List, Set)}. */
    public List<Pair> pairs(List<DreamMemory> memories, Set<UUID> settled) {
        List<Candidate> candidates = memories.stream()
                .filter(m -> m.state() == MemoryState.ACTIVE && m.kind() != MemoryKind.EPISODIC)
                .filter(m -> m.vector() != null && !settled.contains(m.id()))
                .sorted(Comparator.comparing(SupersedeFinder::statedAt).thenComparing(DreamMemory::id))
                .map(m -> new Candidate(
                        m,
                        DreamVectors.unit(m.vector()),
                        Sentences.of(DreamText.of(m)).stream()
                                .map(DreamText::analyse)
                                .filter(s -> s.words().size() >= settings.minWords())
                                .toList()))
                .toList();
        List<Pair> out = new ArrayList<>();
        // Only pairs on the same subject by vector are compared: a large hub costs ~n·k, not n².
        List<float[]> vectors = candidates.stream().map(Candidate::unit).toList();
        List<DreamMemory.Scope> groups =
                candidates.stream().map(c -> c.memory().scope()).toList();
        for (DreamNeighbours.Pair near : neighbours.withinGroups(vectors, groups, settings.subjectSimilarity())) {
            Pair pair = compare(candidates.get(near.a()), candidates.get(near.b()));
            if (pair != null) {
                out.add(pair);
            }
        }
        return out;
    }

    private Pair compare(Candidate first, Candidate second) {
        DreamMemory a = first.memory();
        DreamMemory b = second.memory();
        if (!a.hubId().equals(b.hubId()) || a.kind() != b.kind()) {
            return null;
        }
        double subject = DreamVectors.dot(first.unit(), second.unit());
        if (subject < settings.subjectSimilarity()) {
            return null;
        }
        Proposal best = null;
        for (DreamText.Statement s : first.sentences()) {
            for (DreamText.Statement t : second.sentences()) {
                Proposal proposal = conflict(a.id(), b.id(), s, t, subject);
                if (proposal != null && (best == null || proposal.score() > best.score())) {
                    best = proposal;
                }
            }
        }
        return new Pair(a, b, subject, best);
    }

    private Proposal conflict(UUID a, UUID b, DreamText.Statement s, DreamText.Statement t, double subject) {
        double overlap = DreamText.jaccard(s.words(), t.words());
        if (overlap < settings.statementOverlap() || !s.names().equals(t.names())) {
            return null;
        }
        Set<String> sFacts = s.facts();
        Set<String> tFacts = t.facts();
        Cue cue;
        double weight;
        if (s.negated() != t.negated()) {
            if (!sFacts.equals(tFacts)) {
                return null;
            }
            cue = Cue.NEGATION;
            weight = 0.9;
        } else if (!tFacts.containsAll(sFacts) && !sFacts.containsAll(tFacts)) {
            boolean datesDiffer = !s.dates().equals(t.dates());
            boolean numbersDiffer = !s.numbers().equals(t.numbers());
            if (datesDiffer && numbersDiffer) {
                return null;
            }
            cue = datesDiffer ? Cue.DATE : Cue.NUMBER;
            weight = 0.8;
        } else {
            return null;
        }
        double score = weight * overlap * Math.min(1, subject);
        String what = switch (cue) {
            case NEGATION -> "one denies what the other states";
            case NUMBER -> "they state different numbers for the same thing";
            case DATE -> "they state different dates for the same thing";
        };
        return new Proposal(
                a,
                b,
                cue,
                s.text(),
                t.text(),
                score,
                String.format(
                        Locale.ROOT,
                        "possible contradiction, %s: \"%s\" vs \"%s\" (similarity %.2f)",
                        what,
                        s.text(),
                        t.text(),
                        subject),
                null);
    }
}
