package dev.memax.server.recall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * BM25 from the searched hubs' full-text statistics (kept per hub by the database: chunks, total
 * length, each lexeme's document frequency), so a recall reads the statistics of its query's
 * lexemes instead of counting every chunk that holds one of them.
 *
 * @param chunks      N: chunks in the searched hubs
 * @param totalLength their summed lengths in lexemes (the average length is this over N)
 * @param frequencies each query lexeme's document frequency in the searched hubs
 */
record Bm25(long chunks, long totalLength, Map<String, Long> frequencies, double k1, double b) {

    /**
     * The lexemes whose matches are scored: rarest first while their document frequencies add up
     * to at most {@code maxMatches}, and always the rarest present one. A chunk holding only the
     * common lexemes left out could only score the little their low IDF allows, so the best
     * chunks are found while the work stays bounded however large the hub is. Lexemes in no
     * chunk are left out (they match nothing).
     */
    List<String> matchLexemes(long maxMatches) {
        List<Map.Entry<String, Long>> present = new ArrayList<>(
                frequencies.entrySet().stream().filter(e -> e.getValue() > 0).toList());
        present.sort(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        List<String> out = new ArrayList<>();
        long matches = 0;
        for (Map.Entry<String, Long> e : present) {
            if (!out.isEmpty() && matches + e.getValue() > maxMatches) {
                break;
            }
            out.add(e.getKey());
            matches += e.getValue();
        }
        return out;
    }

    /** The BM25 score of a chunk of {@code length} lexemes holding the query lexemes {@code termFrequencies} times. */
    double score(Map<String, Integer> termFrequencies, int length) {
        // A chunk committed after the statistics were read still counts itself.
        double n = Math.max(chunks, 1);
        double averageLength = chunks > 0 ? Math.max(1.0, (double) totalLength / chunks) : Math.max(1, length);
        double score = 0;
        for (Map.Entry<String, Integer> term : termFrequencies.entrySet()) {
            double df = Math.max(1, frequencies.getOrDefault(term.getKey(), 0L));
            double idf = Math.log(1 + (Math.max(n, df) - df + 0.5) / (df + 0.5));
            double tf = term.getValue();
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength));
        }
        return score;
    }
}
