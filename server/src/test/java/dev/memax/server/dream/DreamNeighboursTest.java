package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Candidate pairs: the hashed path finds (nearly) every pair the exact path finds, and no other. */
class DreamNeighboursTest {
    private final Random random = new Random(11);

    @Test
    void hashedPairsAreTheExactPairsAtEachPhasesFloor() {
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            float[] base = unit(gaussian(384));
            vectors.add(base);
            if (i % 4 == 0) {
                // Partners from cosine ~0.7 to ~0.99: around the floors of merge, supersede and contradictions.
                vectors.add(DuplicateFinderTest.mix(base, unit(gaussian(384)), 0.1 + 0.9 * random.nextDouble()));
            }
        }
        for (double floor : new double[] {0.9, 0.88, 0.75}) {
            Set<Long> exact = keys(new DreamNeighbours(32, Integer.MAX_VALUE).within(vectors, floor));
            Set<Long> hashed = keys(new DreamNeighbours(32, 0).within(vectors, floor));
            assertThat(exact).hasSizeGreaterThan(200);
            assertThat(exact).containsAll(hashed);
            Set<Long> found = new HashSet<>(hashed);
            found.retainAll(exact);
            assertThat((double) found.size() / exact.size()).isGreaterThanOrEqualTo(0.97);
        }
    }

    @Test
    void identicalVectorsMeetAtAFloorOfOne() {
        float[] v = unit(gaussian(64));
        List<float[]> vectors = new ArrayList<>(List.of(v, v.clone()));
        for (int i = 0; i < 100; i++) {
            vectors.add(unit(gaussian(64)));
        }
        assertThat(new DreamNeighbours(8, 0).within(vectors, 0.999_99))
                .extracting(DreamNeighbours.Pair::a, DreamNeighbours.Pair::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1));
    }

    private static Set<Long> keys(List<DreamNeighbours.Pair> pairs) {
        Set<Long> out = new HashSet<>();
        pairs.forEach(p -> out.add((long) p.a() << 32 | p.b()));
        return out;
    }

    private float[] gaussian(int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] unit(float[] v) {
        return DreamVectors.unit(v);
    }
}
