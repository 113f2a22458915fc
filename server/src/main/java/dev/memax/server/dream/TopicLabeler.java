package dev.memax.server.dream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A new topic's name from its members' distinctive terms (TF-IDF against the hub): terms that many
 * members share and few other memories of the hub use. Deterministic: ties go to the term first in
 * alphabetical order. A model may name topics instead when one is configured ({@link OrganisePhase});
 * this is the fallback.
 */
public final class TopicLabeler implements TopicClusterer.Naming {
    private static final int MAX_NAME = 100;

    /**
     * @param terms the members' distinctive terms
     * @param model the model that wrote {@code name}; null when the name joins the terms
     */
    public record Label(String name, List<String> terms, String model) {}

    private final int maxTerms;

    /** @param maxTerms how many terms a name joins (3 reads well) */
    public TopicLabeler(int maxTerms) {
        this.maxTerms = maxTerms;
    }

    /**
     * @param cluster the memories the topic will hold
     * @param hub     the hub's memories, the background that makes a term distinctive (the cluster's
     *               own members are counted once even when listed in both)
     */
    @Override
    public Label label(List<DreamMemory> cluster, List<DreamMemory> hub) {
        Map<UUID, Set<String>> documents = new HashMap<>();
        Map<String, Map<String, Integer>> surfaces = new HashMap<>();
        for (DreamMemory memory : hub) {
            documents.computeIfAbsent(memory.id(), id -> keys(memory, surfaces));
        }
        for (DreamMemory memory : cluster) {
            documents.computeIfAbsent(memory.id(), id -> keys(memory, surfaces));
        }
        Map<String, Integer> documentFrequency = new HashMap<>();
        documents.values().forEach(keys -> keys.forEach(k -> documentFrequency.merge(k, 1, Integer::sum)));
        Map<String, Integer> clusterFrequency = new HashMap<>();
        for (DreamMemory memory : cluster) {
            documents.get(memory.id()).forEach(k -> clusterFrequency.merge(k, 1, Integer::sum));
        }
        // A label word should be shared: when some term is in two or more members, only those count.
        int least = cluster.size() > 1 && clusterFrequency.values().stream().anyMatch(c -> c > 1) ? 2 : 1;
        int total = documents.size();
        Map<String, Double> scores = new HashMap<>();
        clusterFrequency.forEach((key, count) -> {
            if (count >= least) {
                double idf = Math.log((total + 1.0) / (documentFrequency.get(key) + 1.0)) + 1;
                scores.put(key, count / (double) cluster.size() * idf);
            }
        });
        List<String> terms = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxTerms)
                .map(e -> surface(surfaces.get(e.getKey())))
                .toList();
        return new Label(name(terms), terms, null);
    }

    /** A memory's terms folded to one key per word ("invoice" = "invoices"), counting how each is spelt. */
    private static Set<String> keys(DreamMemory memory, Map<String, Map<String, Integer>> surfaces) {
        Set<String> keys = new HashSet<>();
        for (String term : DreamText.terms(DreamText.of(memory))) {
            String key = DreamText.fold(term);
            keys.add(key);
            surfaces.computeIfAbsent(key, k -> new HashMap<>()).merge(term, 1, Integer::sum);
        }
        return keys;
    }

    /** The spelling used most often, the first alphabetically on a tie. */
    private static String surface(Map<String, Integer> spellings) {
        return spellings.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static String name(List<String> terms) {
        if (terms.isEmpty()) {
            return "Untitled";
        }
        List<String> words = new ArrayList<>(terms);
        words.set(
                0,
                words.get(0).substring(0, 1).toUpperCase(Locale.ROOT)
                        + words.get(0).substring(1));
        String name = String.join(", ", words);
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
