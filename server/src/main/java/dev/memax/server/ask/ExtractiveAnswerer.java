package dev.memax.server.ask;

import dev.memax.server.platform.Sentences;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * An answer without a language model: the fewest sentences of the best sources that together
 * hold the question's words (stemmed, stop words left out, as full-text search sees them), each
 * cited. Sentences are taken greedily by how many question words they add, a sentence counting
 * less the lower its source ranks, so the best memory speaks first and a second sentence comes
 * only when it covers words the first did not. When no sentence shares a word with the question
 * (a paraphrase recall found by meaning), the best source's first sentence answers.
 */
@Singleton
public class ExtractiveAnswerer {
    static final String NOTHING_FOUND = "No memories match this question.";
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_SOURCES = 5;
    private static final double RANK_DECAY = 0.15;
    private final AskRepository repository;
    private final TokenCounter tokens;

    public ExtractiveAnswerer(AskRepository repository, TokenCounter tokens) {
        this.repository = repository;
        this.tokens = tokens;
    }

    /** A sentence of source {@code source} (1-based) and the question's lexemes it holds. */
    record Sentence(int source, String text, Set<String> matched) {}

    String answer(String question, List<AskResponse.Source> sources, int maxTokens) {
        List<String> texts = new ArrayList<>();
        List<Integer> sourceOf = new ArrayList<>();
        for (AskResponse.Source source : sources.subList(0, Math.min(MAX_SOURCES, sources.size()))) {
            for (String text : Sentences.of(source.chunkContent())) {
                texts.add(text);
                sourceOf.add(source.index());
            }
        }
        if (texts.isEmpty()) {
            return NOTHING_FOUND;
        }
        List<AskRepository.SentenceMatch> matches = repository.sentenceMatches(question, texts);
        List<Sentence> candidates = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            candidates.add(
                    new Sentence(sourceOf.get(i), texts.get(i), matches.get(i).matched()));
        }
        return compose(candidates, maxTokens, tokens::count, tokens::truncate);
    }

    /**
     * The answer from the candidate sentences (in source order, at least one): the greedy choice
     * described above, counting and cutting with {@code count} and {@code truncate}. Pure, so the
     * choice is unit-tested without the database that stems the question.
     */
    static String compose(
            List<Sentence> candidates,
            int maxTokens,
            ToIntFunction<String> count,
            BiFunction<String, Integer, String> truncate) {
        candidates = new ArrayList<>(candidates);
        Sentence first = candidates.get(0);
        List<String> answer = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        int used = 0;
        while (answer.size() < MAX_SENTENCES) {
            Sentence best = null;
            double bestGain = 0;
            for (Sentence candidate : candidates) {
                long added = candidate.matched().stream()
                        .filter(l -> !covered.contains(l))
                        .count();
                double gain = added / (1 + RANK_DECAY * (candidate.source() - 1));
                if (gain > bestGain) {
                    best = candidate;
                    bestGain = gain;
                }
            }
            if (best == null) {
                break;
            }
            int cost = count.applyAsInt(best.text());
            if (!answer.isEmpty() && used + cost > maxTokens) {
                break;
            }
            answer.add(cited(best, cost, maxTokens, truncate));
            covered.addAll(best.matched());
            candidates.remove(best);
            used += cost;
        }
        if (answer.isEmpty()) {
            answer.add(cited(first, count.applyAsInt(first.text()), maxTokens, truncate));
        }
        return String.join(" ", answer);
    }

    /** The sentence with its citation; one longer than the whole budget (only ever the first) is cut. */
    private static String cited(
            Sentence sentence, int cost, int maxTokens, BiFunction<String, Integer, String> truncate) {
        String text = cost > maxTokens ? truncate.apply(sentence.text(), maxTokens) + "…" : sentence.text();
        return text + " [" + sentence.source() + "]";
    }
}
