package dev.memax.server.dream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 3, {@code contradiction}: two memories that conflict are not changed but filed as a
 * {@code review_contradiction} notification to whoever triggered the run (the hub's owner for a
 * nightly run). The answer ({@link ContradictionReviews}) changes them as a dream action of the
 * run. Memories merged or superseded earlier in the run are not compared.
 *
 * <p>Which pairs conflict: with a language model ({@link DreamModel}), the model judges each pair
 * on the same subject ({@link ContradictionFinder#pairs}), the most similar first, while the run's
 * calls last, and its verdict decides either way; the other pairs, and any whose call failed or
 * whose answer could not be read, get the finder's conservative heuristics.
 */
@Singleton
public class ContradictionPhase implements DreamPhase {
    static final String NAME = "contradiction";
    private static final int TITLE = 80;
    private static final int STATEMENT = 200;
    private static final int REASON = 200;
    private static final int VERDICT_TOKENS = 150;
    static final String JUDGE = "You judge whether two notes from one team's memory contradict each other: both"
            + " cannot be true at the same time. Notes about different things, a note that adds detail, or a later"
            + " note that says it replaces the earlier one do not contradict. Answer with JSON only, no other text:"
            + " {\"contradicts\": true or false, \"reason\": \"one short sentence\"}";
    private static final Logger LOG = LoggerFactory.getLogger(ContradictionPhase.class);
    private final ContradictionFinder finder = new ContradictionFinder(ContradictionFinder.Settings.defaults());
    private final Notifications notifications;
    private final ObjectMapper json;

    /** A model's answer about one pair. */
    private record Verdict(boolean contradicts, String reason) {}

    public ContradictionPhase(Notifications notifications, ObjectMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "contradictions_found";
    }

    @Override
    public int getOrder() {
        return 300;
    }

    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> memories, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
        List<ContradictionFinder.Pair> pairs = finder.pairs(memories, settled);
        Map<ContradictionFinder.Pair, Verdict> verdicts = new IdentityHashMap<>();
        List<ContradictionFinder.Pair> mostSimilarFirst = pairs.stream()
                .sorted(Comparator.comparingDouble(ContradictionFinder.Pair::similarity)
                        .reversed())
                .toList();
        for (ContradictionFinder.Pair pair : mostSimilarFirst) {
            if (!model.available()) {
                break;
            }
            judge(pair, model).ifPresent(verdict -> verdicts.put(pair, verdict));
        }
        List<ContradictionFinder.Proposal> flagged = new ArrayList<>();
        for (ContradictionFinder.Pair pair : pairs) {
            Verdict verdict = verdicts.get(pair);
            if (verdict == null) {
                if (pair.flagged() != null) {
                    flagged.add(pair.flagged());
                }
            } else if (verdict.contradicts()) {
                flagged.add(judged(pair, verdict, model.model()));
            } else if (pair.flagged() != null) {
                LOG.info(
                        "dream contradiction: model {} overruled the heuristics on {} and {}: {}",
                        model.model(),
                        pair.first().id(),
                        pair.second().id(),
                        verdict.reason());
            }
        }
        return flagged.stream()
                .map(found -> new DreamProposal(
                        "contradiction",
                        found.memoryIds(),
                        List.of(),
                        null,
                        found.reason(),
                        found.score(),
                        rows -> stillCurrent(rows, found) ? Optional.of(Map.<UUID, ObjectNode>of()) : Optional.empty(),
                        (run, actionId, rows) -> file(run, actionId, rows, found)))
                .toList();
    }

    private Optional<Verdict> judge(ContradictionFinder.Pair pair, DreamModel.Allowance model) {
        int each = model.maxInputChars() / 2;
        String user = "Note A (stated " + SupersedeFinder.statedAt(pair.first()) + "):\n"
                + DreamModel.clip(DreamText.of(pair.first()), each)
                + "\n\nNote B (stated " + SupersedeFinder.statedAt(pair.second()) + "):\n"
                + DreamModel.clip(DreamText.of(pair.second()), each);
        return model.ask(NAME, JUDGE, user, VERDICT_TOKENS).flatMap(answer -> {
            Optional<Verdict> verdict = verdict(answer);
            if (verdict.isEmpty()) {
                model.unusable(NAME, answer);
            }
            return verdict;
        });
    }

    /** {@code {"contradicts": bool, "reason": text}}, also inside code fences or prose; empty otherwise. */
    private Optional<Verdict> verdict(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(answer.substring(start, end + 1));
            if (!node.path("contradicts").isBoolean()) {
                return Optional.empty();
            }
            String reason = DreamModel.oneLine(node.path("reason").asText(""), REASON);
            return Optional.of(new Verdict(
                    node.path("contradicts").booleanValue(), reason.isEmpty() ? "no reason given" : reason));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The pair flagged on the model's verdict: the heuristics' statements and cue when they saw one too. */
    private static ContradictionFinder.Proposal judged(ContradictionFinder.Pair pair, Verdict verdict, String model) {
        ContradictionFinder.Proposal seen = pair.flagged();
        return new ContradictionFinder.Proposal(
                pair.first().id(),
                pair.second().id(),
                seen == null ? null : seen.cue(),
                seen == null ? statement(pair.first()) : seen.firstStatement(),
                seen == null ? statement(pair.second()) : seen.secondStatement(),
                seen == null ? pair.similarity() : seen.score(),
                String.format(
                        Locale.ROOT,
                        "contradiction judged by the model %s: %s (similarity %.2f)",
                        model,
                        verdict.reason(),
                        pair.similarity()),
                model);
    }

    /** A memory's text as the statement in conflict, when no single sentence was singled out. */
    private static String statement(DreamMemory memory) {
        String content = memory.content() == null || memory.content().isBlank() ? memory.title() : memory.content();
        return DreamModel.oneLine(content, STATEMENT);
    }

    private static boolean stillCurrent(Map<UUID, ObjectNode> rows, ContradictionFinder.Proposal found) {
        return found.memoryIds().stream().allMatch(id -> rows.containsKey(id) && DreamPhase.current(rows.get(id)));
    }

    private void file(DreamRun run, UUID actionId, Map<UUID, ObjectNode> rows, ContradictionFinder.Proposal found) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action_id", actionId.toString());
        data.put("run_id", run.id().toString());
        data.put("memory_a", ref(rows.get(found.first()), found.firstStatement()));
        data.put("memory_b", ref(rows.get(found.second()), found.secondStatement()));
        data.put("similarity", found.score());
        if (found.cue() != null) {
            data.put("cue", found.cue().name().toLowerCase(Locale.ROOT));
        }
        data.put("reason", found.reason());
        if (found.judgedBy() != null) {
            data.put("judged_by", found.judgedBy());
        }
        notifications.create(
                run.triggeredBy() != null ? run.triggeredBy() : run.ownerId(),
                run.hubId(),
                run.triggeredBy(),
                NotificationKind.REVIEW_CONTRADICTION,
                "Two memories contradict each other",
                "\"" + found.firstStatement() + "\" vs \"" + found.secondStatement() + "\""
                        + (found.judgedBy() == null ? "" : " (judged by the model " + found.judgedBy() + ")")
                        + ": keep one, keep both, or merge them.",
                data);
    }

    /** Memax's {@code ReviewMemoryRef} ({@code id}, {@code title}) and the sentence in conflict. */
    private static Map<String, Object> ref(JsonNode row, String statement) {
        String title = row.path("title").asText("");
        if (title.isBlank()) {
            String content = row.path("content").asText("");
            title = content.length() <= TITLE ? content : content.substring(0, TITLE - 1) + "…";
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", row.path("id").asText());
        ref.put("title", title);
        ref.put("statement", statement);
        return ref;
    }
}
