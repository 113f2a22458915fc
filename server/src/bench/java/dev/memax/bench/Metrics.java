package dev.memax.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranking metrics over a ranked list of item ids and graded judgments (id → grade, absent = 0). */
final class Metrics {
    private Metrics() {}

    /**
     * nDCG@k with graded gains: DCG = Σ grade(rank i) / log2(i + 1) over the first k places (i from 1),
     * divided by the DCG of the judgments sorted best first (the ideal ranking); 0 when nothing is relevant.
     */
    static double ndcg(List<String> ranked, Map<String, Integer> judged, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += judged.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = new ArrayList<>(judged.values());
        ideal.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the items graded at least {@code minGrade} that are in the first k places (0 when there are none). */
    static double recall(List<String> ranked, Map<String, Integer> judged, int minGrade, int k) {
        long wanted = judged.values().stream().filter(g -> g >= minGrade).count();
        if (wanted == 0) {
            return 0;
        }
        long found = ranked.stream()
                .limit(k)
                .filter(id -> judged.getOrDefault(id, 0) >= minGrade)
                .count();
        return (double) found / wanted;
    }

    /** 1 / the place of the first item graded at least {@code minGrade} within the first k; 0 when none is there. */
    static double reciprocalRank(List<String> ranked, Map<String, Integer> judged, int minGrade, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (judged.getOrDefault(ranked.get(i), 0) >= minGrade) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
