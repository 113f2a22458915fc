package dev.memax.server.dream;

import dev.memax.server.memory.MemoryState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase 1's engine: which memories say the same thing (docs/architecture.md §5.14). Two memories
 * are duplicates only when both signals agree: their vectors are close (cosine at least
 * {@code minCosine}) AND their words overlap (at least {@code minOverlap} of the shorter one's
 * content words occur in the other), few of their words were changed rather than added or cut
 * (at most {@code maxChanged}: "treatment increases energy expenditure" and "treatment reduces
 * energy expenditure" read alike and state opposites), and neither names a number or a name the
 * other lacks (two keys' rotation rules read alike but differ in exactly those). The thresholds
 * were measured on a labelled set (docs/benchmarks.md "Merge precision and recall"). Only active memories of the same
 * hub and the same kind are compared, never a protected one (pinned or stable).
 *
 * <p>A group is a survivor and every memory that is a duplicate of the survivor itself (no
 * chains: A~B and B~C does not put A with C). The survivor is the memory most read, then the
 * longest, then the oldest.
 *
 * <p>Only the candidate pairs of {@link DreamNeighbours} are compared (all pairs of a small hub,
 * each memory's nearest above), so a large hub costs ~n·k, not n².
 */
public final class DuplicateFinder {
    /** One merge: the merged memories go into the survivor. */
    public record MergeGroup(UUID survivor, List<UUID> merged, double score, String reason) {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    /** A name: a capitalised word inside a sentence, or an identifier (ALL_CAPS, snake_case, dotted). */
    private static final Pattern NAME = Pattern.compile(
            "(?<![.!?]\\s)(?<!^)\\b\\p{Lu}[\\p{L}\\p{N}]*|\\b[\\p{L}\\p{N}]+(?:[_.-][\\p{L}\\p{N}]+)+\\b");

    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
            "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there",
            "their", "we", "our", "you", "your", "they", "them", "he", "she", "his", "her", "i", "my", "me", "us", "do",
            "does", "did", "has", "have", "had", "not", "no", "so", "if", "then", "than", "when", "which", "who",
            "what", "all", "any", "each", "every", "some", "should", "must", "will", "would", "can", "could", "may",
            "might", "also", "just", "only", "very", "into", "about", "after", "before", "over", "under", "per", "via");

    private static final int STEM = 5;

    private final double minCosine;
    private final double minOverlap;
    private final double maxChanged;
    private final DreamNeighbours neighbours;

    public DuplicateFinder(double minCosine, double minOverlap, double maxChanged) {
        this(minCosine, minOverlap, maxChanged, DreamNeighbours.standard());
    }

    /** @param neighbours which pairs are compared at all: only those at or above {@code minCosine} */
    public DuplicateFinder(double minCosine, double minOverlap, double maxChanged, DreamNeighbours neighbours) {
        this.minCosine = minCosine;
        this.minOverlap = minOverlap;
        this.maxChanged = maxChanged;
        this.neighbours = neighbours;
    }

    public List<MergeGroup> find(List<DreamMemory> memories) {
        Map<DreamMemory.Scope, List<Candidate>> byScope = new LinkedHashMap<>();
        for (DreamMemory memory : memories) {
            if (memory.state() == MemoryState.ACTIVE && !memory.protectedFromDreams() && memory.vector() != null) {
                byScope.computeIfAbsent(memory.scope(), k -> new ArrayList<>()).add(new Candidate(memory));
            }
        }
        List<MergeGroup> groups = new ArrayList<>();
        for (List<Candidate> candidates : byScope.values()) {
            candidates.sort(SURVIVOR_FIRST);
            List<List<Integer>> later = laterNeighbours(candidates);
            Set<UUID> taken = new HashSet<>();
            for (int i = 0; i < candidates.size(); i++) {
                Candidate survivor = candidates.get(i);
                if (taken.contains(survivor.memory.id())) {
                    continue;
                }
                List<UUID> merged = new ArrayList<>();
                double lowest = 1;
                double lowestOverlap = 1;
                for (int j : later.get(i)) {
                    Candidate other = candidates.get(j);
                    if (taken.contains(other.memory.id())) {
                        continue;
                    }
                    double cosine = DreamVectors.dot(survivor.memory.vector(), other.memory.vector());
                    if (cosine < minCosine) {
                        continue;
                    }
                    Wording wording = Wording.of(survivor.words(), other.words());
                    double overlap = wording.overlap();
                    if (overlap < minOverlap || wording.changed() > maxChanged || differInSpecifics(survivor, other)) {
                        continue;
                    }
                    merged.add(other.memory.id());
                    lowest = Math.min(lowest, cosine);
                    lowestOverlap = Math.min(lowestOverlap, overlap);
                }
                if (!merged.isEmpty()) {
                    taken.add(survivor.memory.id());
                    taken.addAll(merged);
                    groups.add(new MergeGroup(
                            survivor.memory.id(),
                            List.copyOf(merged),
                            lowest,
                            String.format(
                                    Locale.ROOT,
                                    "%s: vector similarity %.3f, word overlap %.2f (thresholds %.2f, %.2f)",
                                    merged.size() == 1 ? "duplicate" : merged.size() + " duplicates",
                                    lowest,
                                    lowestOverlap,
                                    minCosine,
                                    minOverlap)));
                }
            }
        }
        return groups;
    }

    /**
     * For each candidate (in survivor order), the later ones close enough by vector to compare
     * with it, in survivor order: the candidate pairs of {@link DreamNeighbours}.
     */
    private List<List<Integer>> laterNeighbours(List<Candidate> candidates) {
        List<List<Integer>> later = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            later.add(new ArrayList<>(2));
        }
        List<float[]> vectors = candidates.stream().map(c -> c.memory.vector()).toList();
        for (DreamNeighbours.Pair pair : neighbours.within(vectors, minCosine)) {
            later.get(pair.a()).add(pair.b());
        }
        later.forEach(list -> list.sort(null));
        return later;
    }

    private static final Comparator<Candidate> SURVIVOR_FIRST = Comparator.<Candidate>comparingLong(
                    c -> -c.memory.accessCount())
            .thenComparingInt(c -> -c.memory.content().length())
            .thenComparing(c -> c.memory.createdAt())
            .thenComparing(c -> c.memory.id());

    /**
     * A memory with its text analysed once, when first compared: most memories have no close
     * neighbour, and their word sets would only take heap.
     */
    private static final class Candidate {
        final DreamMemory memory;
        private Set<String> words;
        private Set<String> numbers;
        private Set<String> names;
        private boolean negated;

        Candidate(DreamMemory memory) {
            this.memory = memory;
        }

        private void analyse() {
            if (words == null) {
                String text = memory.title() == null || memory.title().isBlank()
                        ? memory.content()
                        : memory.title() + ". " + memory.content();
                words = DuplicateFinder.words(text);
                numbers = matches(NUMBER, text);
                names = matches(NAME, text);
                negated = DreamText.analyse(text).negated();
            }
        }

        Set<String> words() {
            analyse();
            return words;
        }

        Set<String> numbers() {
            analyse();
            return numbers;
        }

        Set<String> names() {
            analyse();
            return names;
        }

        boolean negated() {
            analyse();
            return negated;
        }
    }

    /**
     * How two word sets compare, from the count of words they share: {@link #overlap} is the share
     * of the smaller set's words the other holds (containment); {@link #changed} is the share of the
     * smaller set's words that were replaced, not added or cut (words each side has and the other
     * lacks, the fewer of the two counts). A copy cut short or extended changed none.
     */
    record Wording(int smaller, int larger, int shared) {
        static Wording of(Set<String> a, Set<String> b) {
            Set<String> small = a.size() <= b.size() ? a : b;
            Set<String> large = small == a ? b : a;
            int shared = (int) small.stream().filter(large::contains).count();
            return new Wording(small.size(), large.size(), shared);
        }

        double overlap() {
            if (smaller == 0) {
                return larger == 0 ? 1 : 0;
            }
            return (double) shared / smaller;
        }

        double changed() {
            return smaller == 0 ? 0 : (double) Math.min(smaller - shared, larger - shared) / smaller;
        }
    }

    /**
     * Different numbers, one negated and the other not, or a name on each side that the other
     * never mentions: the same sentence about another thing (a key, a date, a person), or its
     * denial, not a duplicate.
     */
    private static boolean differInSpecifics(Candidate a, Candidate b) {
        // A statement and its denial read alike ("not" is a stopword); they are a contradiction to flag.
        if (!a.numbers().equals(b.numbers()) || a.negated() != b.negated()) {
            return true;
        }
        return unmatchedName(a, b) && unmatchedName(b, a);
    }

    private static boolean unmatchedName(Candidate a, Candidate b) {
        for (String name : a.names()) {
            if (!b.words().containsAll(words(name))) {
                return true;
            }
        }
        return false;
    }

    /** Content words, lower-cased and stemmed. */
    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group().replaceAll("['’]s$", "");
            if (!STOPWORDS.contains(word)) {
                out.add(stem(word));
            }
        }
        return out;
    }

    /**
     * Truncation stemming: the first five letters stand for the word, so {@code rotates},
     * {@code rotated} and {@code rotation} meet. Crude, but it only has to say "the same words",
     * and the vectors have already said "the same meaning".
     */
    private static String stem(String word) {
        return word.length() <= STEM || !Character.isLetter(word.charAt(0)) ? word : word.substring(0, STEM);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new HashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
