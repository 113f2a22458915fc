package dev.memax.server.ask;

import jakarta.inject.Singleton;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An answer without a language model: the sentences of the best sources that hold most of the
 * question's words (stemmed, stop words left out, as full-text search sees them), each cited.
 * A sentence counts less the lower its source ranks, so the best memory speaks first; when no
 * sentence shares a word with the question (a paraphrase recall found by meaning), the best
 * source's first sentence answers.
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

    private record Sentence(int source, int order, String text, double score) {
    }

    String answer(String question, List<AskResponse.Source> sources, int maxTokens) {
        if (sources.isEmpty()) {
            return NOTHING_FOUND;
        }
        List<Sentence> sentences = new ArrayList<>();
        for (AskResponse.Source source : sources.subList(0, Math.min(MAX_SOURCES, sources.size()))) {
            for (String text : split(source.chunkContent())) {
                sentences.add(new Sentence(source.index(), sentences.size(), text, 0));
            }
        }
        if (sentences.isEmpty()) {
            return NOTHING_FOUND;
        }
        List<AskRepository.SentenceMatch> matches = repository.sentenceMatches(question,
                sentences.stream().map(Sentence::text).toList());
        List<Sentence> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            AskRepository.SentenceMatch match = matches.get(i);
            if (match.matches() > 0) {
                Sentence s = sentences.get(i);
                double coverage = (double) match.matches() / match.queryLexemes();
                scored.add(new Sentence(s.source(), s.order(), s.text(), coverage / (1 + RANK_DECAY * (s.source() - 1))));
            }
        }
        if (scored.isEmpty()) {
            scored.add(sentences.get(0));
        }
        scored.sort(Comparator.comparingDouble(Sentence::score).reversed().thenComparingInt(Sentence::order));
        StringBuilder answer = new StringBuilder();
        int used = 0;
        int taken = 0;
        for (Sentence sentence : scored) {
            String cited = sentence.text() + " [" + sentence.source() + "]";
            int cost = tokens.count(cited);
            if (taken > 0 && used + cost > maxTokens) {
                break;
            }
            answer.append(taken == 0 ? "" : " ").append(taken == 0 && cost > maxTokens
                    ? tokens.truncate(sentence.text(), maxTokens) + "… [" + sentence.source() + "]" : cited);
            used += cost;
            if (++taken == MAX_SENTENCES) {
                break;
            }
        }
        return answer.toString();
    }

    /** The text's sentences (the JDK's sentence boundaries), blank lines and Markdown markers dropped. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String paragraph : text.split("\\n\\s*\\n|\\n(?=\\s*(?:[-*+]|\\d+\\.|#+)\\s)")) {
            BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
            String flat = paragraph.replaceAll("\\s+", " ").strip().replaceFirst("^(?:[-*+]|\\d+\\.|#+)\\s+", "");
            boundaries.setText(flat);
            int start = boundaries.first();
            for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
                String sentence = flat.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    out.add(sentence);
                }
            }
        }
        return out;
    }
}
