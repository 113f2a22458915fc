package dev.memax.server.dream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Candidate pairs for the pairwise phases: which memories of one group (the caller's, e.g. one hub
 * and kind) are close enough by vector to be worth comparing, so a phase's cost grows with
 * n·k rather than n²/2 (docs/architecture.md §5.14, "Dreams at scale").
 *
 * <p>Up to {@code exactUpTo} memories every pair is compared (exact, and cheap at that size). Above,
 * each memory keeps its {@code k} nearest at or above the floor, found by random-hyperplane hashing
 * (SimHash): a pair at cosine c agrees on one hyperplane's side with probability 1 − acos(c)/π,
 * so with tables of {@code b} bits a pair at the floor lands in one bucket with probability p^b,
 * and enough tables make missing it unlikely ({@link #MISS}). Only bucket-mates are compared, by
 * their true cosine. Vectors are the loaded unit vectors; the hyperplanes come from a fixed seed,
 * so a run is reproducible.
 */
public final class DreamNeighbours {
    /** Two members of the group by index ({@code a < b}), and their cosine. */
    public record Pair(int a, int b, double cosine) {}

    /** Target chance that a pair at the floor is missed. */
    static final double MISS = 0.01;

    private static final int SKETCH_BITS = 128;
    private static final int MAX_TABLES = 48;
    /** Wanted members per bucket on average: small buckets, few wasted comparisons. */
    private static final int BUCKET = 8;

    private final int k;
    private final int exactUpTo;

    /**
     * @param k         neighbours kept per memory on the hashed path
     * @param exactUpTo group sizes up to which every pair is compared
     */
    public DreamNeighbours(int k, int exactUpTo) {
        this.k = k;
        this.exactUpTo = exactUpTo;
    }

    /** The defaults the phases use: exact to 1,500 memories, 32 neighbours each above. */
    public static DreamNeighbours standard() {
        return new DreamNeighbours(32, 1500);
    }

    /** Pairs of {@code vectors} (unit vectors, none null) with cosine at least {@code floor}. */
    public List<Pair> within(List<float[]> vectors, double floor) {
        return vectors.size() <= exactUpTo ? allPairs(vectors, floor) : hashed(vectors, floor);
    }

    /**
     * Pairs (indices into the lists, {@code a < b}, in index order) of memories in the same group
     * ({@code groups}: a key per memory, such as hub and kind) whose vectors have cosine at least
     * {@code floor}; a null vector pairs with nothing.
     */
    public List<Pair> withinGroups(List<float[]> vectors, List<?> groups, double floor) {
        Map<Object, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i) != null) {
                members.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
            }
        }
        List<Pair> out = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            List<float[]> groupVectors = group.stream().map(vectors::get).toList();
            for (Pair pair : within(groupVectors, floor)) {
                out.add(new Pair(group.get(pair.a()), group.get(pair.b()), pair.cosine()));
            }
        }
        out.sort(Comparator.comparingInt(Pair::a).thenComparingInt(Pair::b));
        return out;
    }

    private static List<Pair> allPairs(List<float[]> vectors, double floor) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                double cosine = DreamVectors.dot(vectors.get(i), vectors.get(j));
                if (cosine >= floor) {
                    out.add(new Pair(i, j, cosine));
                }
            }
        }
        return out;
    }

    private List<Pair> hashed(List<float[]> vectors, double floor) {
        int n = vectors.size();
        // Below 1, so that a floor of 1 (identical vectors only) still sizes finite tables.
        double p = Math.min(0.999_999, 1 - Math.acos(Math.max(-1, Math.min(1, floor))) / Math.PI);
        // Recall first: at a low floor, fewer bits (bigger buckets, more comparisons) rather than
        // more tables than MAX_TABLES or a missed pair more often than MISS.
        int recallBits = (int) Math.floor(Math.log(1 - Math.pow(MISS, 1.0 / MAX_TABLES)) / Math.log(p));
        int bits = Math.max(
                1, Math.min(recallBits, Math.min(24, 64 - Long.numberOfLeadingZeros(Math.max(1, n / BUCKET)))));
        int tables = (int) Math.min(MAX_TABLES, Math.ceil(Math.log(MISS) / Math.log(1 - Math.pow(p, bits))));
        Random random = new Random(20_260_101L);
        long[][] sketches = sketch(vectors, random);
        Nearest nearest = new Nearest(n, k);
        long[] keyed = new long[n];
        for (int t = 0; t < tables; t++) {
            int[] chosen = random.ints(0, SKETCH_BITS).distinct().limit(bits).toArray();
            for (int i = 0; i < n; i++) {
                long key = 0;
                for (int bit : chosen) {
                    key = key << 1 | (sketches[i][bit >>> 6] >>> (bit & 63) & 1);
                }
                keyed[i] = key << 32 | i;
            }
            Arrays.sort(keyed);
            for (int start = 0, end; start < n; start = end) {
                long bucket = keyed[start] >>> 32;
                end = start + 1;
                while (end < n && keyed[end] >>> 32 == bucket) {
                    end++;
                }
                for (int x = start; x < end; x++) {
                    int i = (int) keyed[x];
                    for (int y = x + 1; y < end; y++) {
                        int j = (int) keyed[y];
                        double cosine = DreamVectors.dot(vectors.get(i), vectors.get(j));
                        if (cosine >= floor) {
                            nearest.offer(i, j, cosine);
                            nearest.offer(j, i, cosine);
                        }
                    }
                }
            }
        }
        return nearest.pairs();
    }

    /** Each vector's side of {@link #SKETCH_BITS} random hyperplanes, as bits. */
    private static long[][] sketch(List<float[]> vectors, Random random) {
        int dimensions = vectors.get(0).length;
        float[][] planes = new float[SKETCH_BITS][dimensions];
        for (float[] plane : planes) {
            for (int d = 0; d < dimensions; d++) {
                plane[d] = (float) random.nextGaussian();
            }
        }
        long[][] out = new long[vectors.size()][SKETCH_BITS / 64];
        for (int i = 0; i < vectors.size(); i++) {
            for (int bit = 0; bit < SKETCH_BITS; bit++) {
                if (DreamVectors.dot(vectors.get(i), planes[bit]) >= 0) {
                    out[i][bit >>> 6] |= 1L << (bit & 63);
                }
            }
        }
        return out;
    }

    /** Per memory, its best {@code k} neighbours so far (flat arrays: n·k entries, no boxing). */
    private static final class Nearest {
        private final int k;
        private final int[] ids;
        private final float[] cosines;
        private final int[] counts;

        Nearest(int n, int k) {
            this.k = k;
            this.ids = new int[n * k];
            this.cosines = new float[n * k];
            this.counts = new int[n];
        }

        void offer(int i, int j, double cosine) {
            int base = i * k;
            int weakest = -1;
            for (int x = 0; x < counts[i]; x++) {
                if (ids[base + x] == j) {
                    return;
                }
                if (weakest < 0 || cosines[base + x] < cosines[base + weakest]) {
                    weakest = x;
                }
            }
            if (counts[i] < k) {
                ids[base + counts[i]] = j;
                cosines[base + counts[i]++] = (float) cosine;
            } else if (cosine > cosines[base + weakest]) {
                ids[base + weakest] = j;
                cosines[base + weakest] = (float) cosine;
            }
        }

        boolean holds(int i, int j) {
            for (int x = 0; x < counts[i]; x++) {
                if (ids[i * k + x] == j) {
                    return true;
                }
            }
            return false;
        }

        /** Every kept neighbourship once, as a pair: kept by either side is enough. */
        List<Pair> pairs() {
            List<Pair> out = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                for (int x = 0; x < counts[i]; x++) {
                    int j = ids[i * k + x];
                    if (i < j || !holds(j, i)) {
                        out.add(new Pair(Math.min(i, j), Math.max(i, j), cosines[i * k + x]));
                    }
                }
            }
            return out;
        }
    }
}
