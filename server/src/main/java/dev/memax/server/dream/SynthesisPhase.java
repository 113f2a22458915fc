package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryRows;
import dev.memax.server.memory.MemoryUpserts;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 6, {@code synthesize}: each episodic stream (a session's turns) gets a {@code semantic}
 * summary memory ({@link EpisodeSynthesizer}), written as any memory is (chunked, embedded,
 * recallable) with {@code source = "dream"}, the session's id and {@code metadata.derived_from}
 * its turns in order, so that recall can cite them. A session's out-of-date summary is archived
 * by the same action. Undo deletes the summary (unless it was changed since: then
 * {@code dream_undo_conflict}) and brings the replaced summary back.
 *
 * <p>The summary's text: with a language model ({@link DreamModel}) and calls left in the run, the
 * model's, written from the session's turns (each cut to a share of the input bound); else, or when
 * the call fails or answers nothing, the extracted sentences. Title, tags, dates and
 * {@code derived_from} are the same either way.
 */
@Singleton
public class SynthesisPhase implements DreamPhase {
    static final String NAME = "synthesize";
    /** The metadata key naming a summary's sources (also answered as the memory's {@code derived_from}). */
    public static final String DERIVED_FROM = "derived_from";

    static final String SUMMARISER = "You summarise one working session from a team's memory. Using only the turns"
            + " given, write a short factual summary of what was decided, done and learned, as plain text: no"
            + " preamble, no headings.";
    private static final int SUMMARY_TOKENS = 600;
    private static final EpisodeSynthesizer.Settings SYNTHESIS = EpisodeSynthesizer.Settings.defaults();
    private final EpisodeSynthesizer synthesizer = new EpisodeSynthesizer(SYNTHESIS);
    private final MemoryUpserts upserts;
    private final MemoryRows rows;
    private final ObjectMapper json;

    public SynthesisPhase(MemoryUpserts upserts, MemoryRows rows, ObjectMapper json) {
        this.upserts = upserts;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "memories_synthesized";
    }

    @Override
    public int getOrder() {
        return 600;
    }

    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> all, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
        List<DreamMemory> memories = DreamPhase.unsettled(all, settled);
        Map<UUID, DreamMemory> byId = new HashMap<>();
        memories.forEach(m -> byId.put(m.id(), m));
        List<DreamProposal> out = new ArrayList<>();
        for (EpisodeSynthesizer.Proposal extracted : synthesizer.propose(memories)) {
            EpisodeSynthesizer.Proposal found = written(extracted, byId, model);
            UUID summaryId = Ids.newId();
            List<UUID> touched = new ArrayList<>(found.derivedFrom());
            if (found.replaces() != null) {
                touched.add(found.replaces());
            }
            out.add(new DreamProposal(
                    "synthesize",
                    List.copyOf(touched),
                    found.derivedFrom(),
                    summaryId,
                    found.reason(),
                    found.score(),
                    current -> retire(current, found),
                    null,
                    (run, actionId, at) -> Optional.of(write(run, summaryId, found))));
        }
        return out;
    }

    /** The summary with the model's text, or as extracted when no model call gives one. */
    private static EpisodeSynthesizer.Proposal written(
            EpisodeSynthesizer.Proposal extracted, Map<UUID, DreamMemory> byId, DreamModel.Allowance model) {
        if (!model.available()) {
            return extracted;
        }
        List<DreamMemory> turns =
                extracted.derivedFrom().stream().map(byId::get).toList();
        int each = model.maxInputChars() / turns.size();
        StringBuilder user = new StringBuilder("Session " + extracted.sessionId() + ", " + turns.size() + " turns:\n");
        for (int i = 0; i < turns.size(); i++) {
            user.append("\n[")
                    .append(i + 1)
                    .append("] ")
                    .append(EpisodeSynthesizer.happenedAt(turns.get(i)))
                    .append(": ")
                    .append(DreamModel.oneLine(DreamText.of(turns.get(i)), each));
        }
        Optional<String> answer = model.ask(NAME, SUMMARISER, user.toString(), SUMMARY_TOKENS);
        if (answer.isEmpty()) {
            return extracted;
        }
        String text = answer.get().strip();
        if (text.isEmpty()) {
            model.unusable(NAME, text);
            return extracted;
        }
        return extracted.writtenBy(model.model(), DreamModel.clip(text, SYNTHESIS.maxChars()));
    }

    /** The replaced summary archived; empty when a turn or that summary is no longer active. */
    private static Optional<Map<UUID, ObjectNode>> retire(
            Map<UUID, ObjectNode> current, EpisodeSynthesizer.Proposal found) {
        for (UUID id : found.derivedFrom()) {
            if (!current.containsKey(id)
                    || !"active".equals(current.get(id).path("state").asText())) {
                return Optional.empty();
            }
        }
        Map<UUID, ObjectNode> after = new LinkedHashMap<>();
        if (found.replaces() != null) {
            ObjectNode old = current.get(found.replaces());
            if (old == null || !"active".equals(old.path("state").asText())) {
                return Optional.empty();
            }
            ObjectNode archived = old.deepCopy();
            archived.put("state", "archived");
            after.put(found.replaces(), archived);
        }
        return Optional.of(after);
    }

    private JsonNode write(DreamRun run, UUID summaryId, EpisodeSynthesizer.Proposal found) {
        ObjectNode metadata = json.createObjectNode();
        found.derivedFrom().forEach(id -> metadata.withArray(DERIVED_FROM).add(id.toString()));
        Memory summary = upserts.createOnBehalf(
                summaryId,
                run.hubId(),
                run.ownerId(),
                new MemoryUpserts.Derived(
                        found.title(),
                        found.content(),
                        found.kind(),
                        found.tags(),
                        SYNTHESIS.summarySource(),
                        found.sessionId(),
                        found.eventDates(),
                        metadata));
        ObjectNode made = json.createObjectNode();
        made.put("memory_id", summary.id().toString());
        made.put("version", summary.version());
        return made;
    }

    @Override
    public void unmake(DreamAction action, JsonNode made, UUID userId, Instant now) {
        UUID summaryId = UUID.fromString(made.path("memory_id").asText());
        if (!rows.deleteCreated(summaryId, made.path("version").asInt(), userId, action.id())) {
            throw new ApiException(
                    ErrorCode.DREAM_UNDO_CONFLICT,
                    "The summary this action wrote changed since the dream: undoing would delete that change",
                    Map.of("memory_id", summaryId.toString()));
        }
    }
}
