package dev.memax.server.dream;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.platform.Sentences;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Phase 6 without a language model: for each episodic stream (the active {@code episodic}
 * memories of one hub sharing a {@code sessionId}, in the order they happened), an extractive
 * {@code semantic} summary memory {@code derived_from} them (docs/architecture.md §5, "Dream
 * phases"). The summary keeps the sentences that carry the words the session comes back to most,
 * drops near-repeats, and lists the kept ones in the order they were said, within a bounded length.
 * A session whose summary (a semantic memory of the session from {@link Settings#summarySource()})
 * is newer than its last turn is left alone; one with newer turns gets a new summary that replaces
 * the old one. Deterministic: the same turns give the same text.
 */
public final class EpisodeSynthesizer {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int MAX_TITLE = 200;
    private static final int MAX_TAGS = 50;
    private static final double REPEAT_OVERLAP = 0.6;

    /**
     * @param minTurns      least turns a session needs to be summarised
     * @param maxSentences  most sentences a summary keeps
     * @param maxChars      most characters of a summary's content
     * @param summarySource the {@code source} of the summaries dreams write, by which they are recognised
     */
    public record Settings(int minTurns, int maxSentences, int maxChars, String summarySource) {
        public static Settings defaults() {
            return new Settings(3, 8, 2000, "dream");
        }
    }

    /**
     * A summary memory to create: {@code semantic}, in {@code hubId}, with {@code sessionId},
     * {@code tags} and {@code eventDates} of its turns, {@code derived_from} its turns in order.
     *
     * @param replaces the session's earlier summary, now out of date, or null
     * @param score    the share of the session's recurring words the kept sentences hold
     */
    public record Proposal(
            UUID hubId,
            String sessionId,
            String title,
            String content,
            List<String> tags,
            List<Instant> eventDates,
            List<UUID> derivedFrom,
            UUID replaces,
            double score,
            String reason)
            implements DreamFinding {
        public MemoryKind kind() {
            return MemoryKind.SEMANTIC;
        }

        @Override
        public List<UUID> memoryIds() {
            return derivedFrom;
        }

        /** This summary with a model's text in place of the extracted sentences. */
        public Proposal writtenBy(String model, String text) {
            return new Proposal(
                    hubId,
                    sessionId,
                    title,
                    text,
                    tags,
                    eventDates,
                    derivedFrom,
                    replaces,
                    score,
                    reason + "; written by the model " + model);
        }
    }

    private record Sentence(int position, String text, Set<String> keys) {}

    private record Session(UUID hubId, String sessionId) {}

    private final Settings settings;

    public EpisodeSynthesizer(Settings settings) {
        this.settings = settings;
    }

    /** Proposals ordered by hub then session id. */
    public List<Proposal> propose(List<DreamMemory> memories) {
        Map<Session, List<DreamMemory>> turns = new HashMap<>();
        Map<Session, DreamMemory> summaries = new HashMap<>();
        for (DreamMemory memory : memories) {
            if (memory.state() != MemoryState.ACTIVE
                    || memory.sessionId() == null
                    || memory.sessionId().isBlank()) {
                continue;
            }
            Session session = new Session(memory.hubId(), memory.sessionId());
            if (memory.kind() == MemoryKind.EPISODIC) {
                turns.computeIfAbsent(session, s -> new ArrayList<>()).add(memory);
            } else if (memory.kind() == MemoryKind.SEMANTIC
                    && settings.summarySource().equals(memory.source())) {
                summaries.merge(session, memory, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
            }
        }
        List<Proposal> out = new ArrayList<>();
        turns.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(Session::hubId).thenComparing(Session::sessionId)))
                .forEach(entry -> {
                    Proposal proposal = summarise(entry.getKey(), entry.getValue(), summaries.get(entry.getKey()));
                    if (proposal != null) {
                        out.add(proposal);
                    }
                });
        return out;
    }

    private Proposal summarise(Session session, List<DreamMemory> unordered, DreamMemory summary) {
        if (unordered.size() < settings.minTurns()) {
            return null;
        }
        List<DreamMemory> turns = unordered.stream()
                .sorted(Comparator.comparing(EpisodeSynthesizer::happenedAt)
                        .thenComparing(DreamMemory::createdAt)
                        .thenComparing(DreamMemory::id))
                .toList();
        Instant lastTurn = turns.stream()
                .map(SupersedeFinder::statedAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        if (summary != null && !summary.createdAt().isBefore(lastTurn)) {
            return null;
        }
        List<Sentence> sentences = new ArrayList<>();
        Map<String, Integer> turnFrequency = new HashMap<>();
        Map<String, String> spelling = new HashMap<>();
        for (DreamMemory turn : turns) {
            String text = turn.content() == null || turn.content().isBlank() ? turn.title() : turn.content();
            Set<String> turnKeys = new HashSet<>();
            for (String sentence : Sentences.of(text)) {
                Set<String> keys = new LinkedHashSet<>();
                for (String term : DreamText.terms(sentence)) {
                    String key = DreamText.fold(term);
                    keys.add(key);
                    spelling.putIfAbsent(key, term);
                }
                sentences.add(new Sentence(sentences.size(), sentence, keys));
                turnKeys.addAll(keys);
            }
            turnKeys.forEach(k -> turnFrequency.merge(k, 1, Integer::sum));
        }
        List<Sentence> kept = choose(sentences, turnFrequency);
        if (kept.isEmpty()) {
            return null;
        }
        String from = DAY.format(happenedAt(turns.get(0)));
        String to = DAY.format(happenedAt(turns.get(turns.size() - 1)));
        StringBuilder content = new StringBuilder(String.format(
                Locale.ROOT,
                "Summary of %d turns of session %s, %s.",
                turns.size(),
                session.sessionId(),
                from.equals(to) ? "on " + from : "from " + from + " to " + to));
        for (Sentence sentence : kept) {
            String line = "\n- " + sentence.text();
            if (content.length() + line.length() > settings.maxChars()) {
                int room = settings.maxChars() - content.length() - 1;
                if (room > 40) {
                    content.append(line, 0, room).append('…');
                }
                break;
            }
            content.append(line);
        }
        Set<String> covered = new HashSet<>();
        kept.forEach(s -> covered.addAll(s.keys()));
        double all = turnFrequency.values().stream().mapToInt(f -> f).sum();
        double held = covered.stream().mapToInt(turnFrequency::get).sum();
        List<String> top = turnFrequency.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(e -> spelling.get(e.getKey()))
                .toList();
        String title = "Session " + session.sessionId() + (top.isEmpty() ? "" : ": " + String.join(", ", top));
        return new Proposal(
                session.hubId(),
                session.sessionId(),
                title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title,
                content.toString(),
                union(turns.stream().map(DreamMemory::tags).toList()).stream()
                        .limit(MAX_TAGS)
                        .toList(),
                turns.stream()
                        .flatMap(t -> t.eventDates() == null ? Stream.empty() : t.eventDates().stream())
                        .collect(Collectors.toCollection(TreeSet::new))
                        .stream()
                        .toList(),
                turns.stream().map(DreamMemory::id).toList(),
                summary == null ? null : summary.id(),
                all == 0 ? 0 : held / all,
                String.format(
                        Locale.ROOT,
                        "%d episodic turns of session %s %s; %d of %d sentences kept",
                        turns.size(),
                        session.sessionId(),
                        summary == null ? "with no summary yet" : "with turns newer than its summary " + summary.id(),
                        kept.size(),
                        sentences.size()));
    }

    /**
     * The best sentences, in the order they were said: by the summed turn frequency of their words
     * (over the square root of their word count, so long sentences do not win by length), skipping
     * near-repeats of a kept one and sentences of fewer than two words.
     */
    private List<Sentence> choose(List<Sentence> sentences, Map<String, Integer> turnFrequency) {
        List<Sentence> ranked = sentences.stream()
                .filter(s -> s.keys().size() >= 2)
                .sorted(Comparator.comparingDouble((Sentence s) -> -weight(s, turnFrequency))
                        .thenComparingInt(Sentence::position))
                .toList();
        List<Sentence> kept = new ArrayList<>();
        for (Sentence sentence : ranked) {
            if (kept.size() == settings.maxSentences()) {
                break;
            }
            if (kept.stream().noneMatch(k -> DreamText.jaccard(k.keys(), sentence.keys()) >= REPEAT_OVERLAP)) {
                kept.add(sentence);
            }
        }
        kept.sort(Comparator.comparingInt(Sentence::position));
        return kept;
    }

    private static double weight(Sentence sentence, Map<String, Integer> turnFrequency) {
        return sentence.keys().stream().mapToInt(turnFrequency::get).sum()
                / Math.sqrt(sentence.keys().size());
    }

    /** When a turn happened: its first event date, or when it was written. */
    static Instant happenedAt(DreamMemory memory) {
        return memory.eventDates() == null || memory.eventDates().isEmpty()
                ? memory.createdAt()
                : memory.eventDates().stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Set<String> union(Collection<List<String>> lists) {
        Set<String> out = new LinkedHashSet<>();
        lists.stream().filter(Objects::nonNull).forEach(out::addAll);
        return out;
    }
}
