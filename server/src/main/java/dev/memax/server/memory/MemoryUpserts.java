package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import dev.memax.server.usage.UsageMetric;
import dev.memax.server.usage.UsageService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pushes: {@code POST /v1/memories} and {@code /batch} (and a share's copy). A push is an upsert:
 * with a {@code source_path} the hub already holds, unchanged content answers that memory
 * untouched and changed content updates it in place as a new version.
 *
 * <p>Writes are read-your-writes: the chunks are embedded before anything is written, then the
 * memory, its version row and its chunks are written in one transaction, so a memory is
 * recallable the moment its {@code POST} answers. Embedding happens outside the transaction
 * (it is the slow part); the transaction re-checks what the plan was based on (the version of
 * the memory, the absence of a memory at the source_path) and the whole write is planned again
 * when a concurrent request changed it in between. {@link MemoryService#update} reuses the
 * chunking and embedding.
 */
@Singleton
public class MemoryUpserts {
    static final int WRITE_ATTEMPTS = 4;
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final MemoryInput input;
    private final EmbeddingProvider embeddings;
    private final Transactions transactions;
    private final ObjectMapper json;
    /** Each call to the model for a write (a batch of any size is one call), and how long it took. */
    private final Timer embedCalls;

    private final Counter embeddedTexts;
    private final Chunker chunker;
    private final UsageService usage;
    private final MemoryEvents events;
    private final MemoryGuard guard;

    public MemoryUpserts(
            AccessPolicy policy,
            MemoryRepository memories,
            MemoryInput input,
            EmbeddingProvider embeddings,
            MemoryGuard guard,
            Transactions transactions,
            ObjectMapper json,
            MeterRegistry metrics,
            Chunker chunker,
            UsageService usage,
            MemoryEvents events) {
        this.policy = policy;
        this.memories = memories;
        this.input = input;
        this.embeddings = embeddings;
        this.guard = guard;
        this.transactions = transactions;
        this.json = json;
        this.chunker = chunker;
        this.usage = usage;
        this.events = events;
        this.embedCalls = Timer.builder("memax.memories.embed")
                .description("Embedding calls of memory writes")
                .register(metrics);
        this.embeddedTexts = Counter.builder("memax.memories.embedded.texts")
                .description("Chunks embedded for memory writes")
                .register(metrics);
    }

    /** What a push did: {@code created} (201) or not (200: updated in place, or unchanged). */
    public record Pushed(Memory memory, boolean created) {}

    public record Batch(List<Memory> memories) {}

    // --- create ---

    /**
     * {@code POST /v1/memories}. The hub is the body's {@code hub_id}, else {@code hubHeader}
     * ({@code X-Hub-ID}), else the caller's personal hub. With a {@code source_path} the hub
     * already holds: unchanged content answers that memory untouched; changed content updates it
     * in place (the fields sent replace theirs) as a new version.
     */
    public Pushed create(Caller caller, MemoryRequests.CreateMemory body, String hubHeader) {
        Instant now = Now.instant();
        FieldErrors errors = new FieldErrors();
        MemoryInput.Draft draft = input.create(body, "", now, errors);
        errors.throwIfAny();
        HubAccess hub = policy.writeTarget(caller, draft.hubId() != null ? draft.hubId() : hubHeader, HubAction.WRITE);
        Written written = write(caller, List.of(draft), List.of(hub));
        return new Pushed(written.memories().get(0), written.actions().get(0) == Plan.Action.INSERT);
    }

    /**
     * {@code POST /v1/memories/batch}: up to 100 creates, all or nothing, embedded in one call to
     * the provider; answered in input order. Each item may name its {@code hub_id}.
     */
    public Batch createBatch(Caller caller, MemoryRequests.CreateBatch body, String hubHeader) {
        List<MemoryRequests.CreateMemory> items = body == null ? null : body.memories();
        if (items == null || items.isEmpty()) {
            throw ApiException.invalidField("memories", "must hold 1-" + MemoryLimits.BATCH + " memories");
        }
        if (items.size() > MemoryLimits.BATCH) {
            throw ApiException.invalidField(
                    "memories", "must hold at most " + MemoryLimits.BATCH + " memories (got " + items.size() + ")");
        }
        Instant now = Now.instant();
        FieldErrors errors = new FieldErrors();
        List<MemoryInput.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            drafts.add(input.create(items.get(i), "memories[" + i + "].", now, errors));
        }
        errors.throwIfAny();
        Map<String, HubAccess> targets = new HashMap<>();
        List<HubAccess> hubs = new ArrayList<>();
        Map<String, Integer> paths = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            String requested = drafts.get(i).hubId() != null ? drafts.get(i).hubId() : hubHeader;
            HubAccess hub = targets.computeIfAbsent(
                    requested == null ? "" : requested.trim(),
                    key -> policy.writeTarget(caller, requested, HubAction.WRITE));
            hubs.add(hub);
            String path = drafts.get(i).fields().sourcePath;
            if (path != null) {
                Integer first = paths.putIfAbsent(hub.hub().id() + "\n" + path, i);
                if (first != null) {
                    errors.add(
                            "memories[" + i + "].source_path", "repeats memories[" + first + "] (same hub and path)");
                }
            }
        }
        errors.throwIfAny();
        return new Batch(write(caller, drafts, hubs).memories());
    }

    /**
     * A memory the server writes on its own (a dream's summary: docs/architecture.md §5.15), with
     * the fields a push could send.
     */
    public record Derived(
            String title,
            String content,
            MemoryKind kind,
            List<String> tags,
            String source,
            String sessionId,
            List<Instant> eventDates,
            JsonNode metadata) {}

    /**
     * Creates a memory the server writes on its own, with this id, as if the hub's owner pushed
     * it: chunked, embedded and written as every push is (counted as the owner's push and against
     * the owner's limits), inside the caller's transaction when there is one.
     */
    public Memory createOnBehalf(UUID id, UUID hubId, UUID ownerId, Derived memory) {
        Caller owner = new Caller(ownerId, false, null, null, Set.of(), null, null);
        HubAccess hub = policy.visible(owner, hubId).orElseThrow(() -> ApiException.notFound("Hub"));
        MemoryFields fields = new MemoryFields();
        fields.title = memory.title();
        fields.content = memory.content();
        fields.kind = memory.kind();
        fields.tags = memory.tags();
        fields.source = memory.source();
        fields.sessionId = memory.sessionId();
        fields.eventDates = memory.eventDates();
        fields.metadata = memory.metadata();
        Plan plan = new Plan(new MemoryInput.Draft(fields, Set.of(), hubId.toString()), hub);
        plan.action = Plan.Action.INSERT;
        plan.id = id;
        plan.fields = fields;
        chunk(plan, fields);
        embed(List.of(plan), new HashMap<>());
        Instant now = Now.instant();
        return transactions
                .executeWrite(status -> apply(owner, List.of(plan), now))
                .get(0);
    }

    /** The memories a push answers, in input order, and what was done to each. */
    private record Written(List<Memory> memories, List<Plan.Action> actions) {}

    /** One memory of a push: what to write, decided before the transaction. */
    static final class Plan {
        enum Action {
            INSERT,
            UPDATE,
            UNCHANGED
        }

        final MemoryInput.Draft draft;
        final HubAccess hub;
        Action action;
        Memory existing;
        UUID id;
        MemoryFields fields;
        ObjectNode changes;
        List<Chunker.Chunk> chunks;
        Chunker.Views views;
        MemoryRepository.MemoryChunks embedded;

        Plan(MemoryInput.Draft draft, HubAccess hub) {
            this.draft = draft;
            this.hub = hub;
        }
    }

    private Written write(Caller caller, List<MemoryInput.Draft> drafts, List<HubAccess> hubs) {
        Map<String, float[]> embedded = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            Instant now = Now.instant();
            Map<String, Memory> atPaths = atPaths(drafts, hubs);
            List<Plan> plans = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                String path = drafts.get(i).fields().sourcePath;
                Memory existing = path == null
                        ? null
                        : atPaths.get(pathKey(hubs.get(i).hub().id(), path));
                plans.add(plan(caller, drafts.get(i), hubs.get(i), existing, now));
            }
            embed(plans.stream().filter(p -> p.chunks != null).toList(), embedded);
            try {
                List<Memory> written = transactions.executeWrite(status -> apply(caller, plans, now));
                return new Written(written, plans.stream().map(p -> p.action).toList());
            } catch (RuntimeException e) {
                if (!(stale(e) && attempt < WRITE_ATTEMPTS)) {
                    if (stale(e)) {
                        throw ApiException.conflict("The memory was changed by concurrent requests; retry");
                    }
                    if (MemoryRepository.violatesSourcePath(e)) {
                        throw ApiException.conflict("Another memory in this hub has this source_path");
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * The memories the drafts' source paths already name, keyed by {@link #pathKey}: one query per
     * hub, not one per draft (a batch of 100 imported files made 100 round trips).
     */
    private Map<String, Memory> atPaths(List<MemoryInput.Draft> drafts, List<HubAccess> hubs) {
        Map<UUID, List<String>> pathsByHub = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            String path = drafts.get(i).fields().sourcePath;
            if (path != null) {
                pathsByHub
                        .computeIfAbsent(hubs.get(i).hub().id(), hub -> new ArrayList<>())
                        .add(path);
            }
        }
        Map<String, Memory> found = new HashMap<>();
        pathsByHub.forEach((hubId, paths) ->
                memories.findByPaths(hubId, paths).forEach(m -> found.put(pathKey(hubId, m.sourcePath()), m)));
        return found;
    }

    private static String pathKey(UUID hubId, String sourcePath) {
        return hubId + "\n" + sourcePath;
    }

    /** What to do with one draft; {@code existing} is the memory at its source_path, if any. */
    private Plan plan(Caller caller, MemoryInput.Draft draft, HubAccess hub, Memory existing, Instant now) {
        Plan plan = new Plan(draft, hub);
        MemoryFields sent = draft.fields();
        String hash = Hashes.sha256Hex(sent.content);
        plan.existing = existing;
        if (existing == null) {
            plan.action = Plan.Action.INSERT;
            plan.id = Ids.newId();
            plan.fields = sent;
            chunk(plan, sent);
            return plan;
        }
        boolean expired = existing.expiredAt(now);
        plan.id = existing.id();
        if (hash.equals(existing.contentHash()) && !expired) {
            plan.action = Plan.Action.UNCHANGED;
            return plan;
        }
        guard.requireEdit(caller, existing);
        MemoryFields before = MemoryFields.of(existing);
        MemoryFields after = applySent(before, draft);
        if (expired && !draft.sent().contains("expires_at")) {
            after.expiresAt = null;
        }
        plan.fields = after;
        plan.changes = after.diff(before, json);
        plan.action = plan.changes.isEmpty() ? Plan.Action.UNCHANGED : Plan.Action.UPDATE;
        if (plan.action == Plan.Action.UPDATE && after.needsReembedding(before)) {
            chunk(plan, after);
        }
        return plan;
    }

    /** The memory's fields with every field the push sent replacing its own. */
    private static MemoryFields applySent(MemoryFields before, MemoryInput.Draft draft) {
        MemoryFields f = before.copy();
        MemoryFields s = draft.fields();
        Set<String> sent = draft.sent();
        f.content = s.content;
        if (sent.contains("title")) {
            f.title = s.title;
        }
        if (sent.contains("summary")) {
            f.summary = s.summary;
        }
        if (sent.contains("kind")) {
            f.kind = s.kind;
        }
        if (sent.contains("stability")) {
            f.stability = s.stability;
        }
        if (sent.contains("tags")) {
            f.tags = s.tags;
        }
        if (sent.contains("source")) {
            f.source = s.source;
        }
        if (sent.contains("source_agent")) {
            f.sourceAgent = s.sourceAgent;
        }
        if (sent.contains("metadata")) {
            f.metadata = s.metadata;
        }
        if (sent.contains("session_id")) {
            f.sessionId = s.sessionId;
        }
        if (sent.contains("project_context")) {
            f.projectContext = s.projectContext;
        }
        if (sent.contains("event_dates")) {
            f.eventDates = s.eventDates;
        }
        if (sent.contains("pinned")) {
            f.pinned = s.pinned;
        }
        if (sent.contains("expires_at")) {
            f.expiresAt = s.expiresAt;
        }
        return f;
    }

    /** Cuts the memory into its chunks and memory-level views. */
    void chunk(Plan plan, MemoryFields fields) {
        plan.chunks = chunker.chunk(fields.title, fields.content);
        plan.views =
                chunker.views(fields.title, fields.content, plan.chunks.get(0).embedText());
    }

    /**
     * Embeds every chunk and memory-level view of the plans in one provider call (texts embedded
     * by an earlier attempt, or twice in the push, are embedded once).
     */
    void embed(List<Plan> plans, Map<String, float[]> embedded) {
        List<String> texts = new ArrayList<>();
        for (Plan plan : plans) {
            plan.chunks.forEach(c -> texts.add(c.embedText()));
            Stream.of(plan.views.memoryText(), plan.views.title())
                    .filter(Objects::nonNull)
                    .forEach(texts::add);
        }
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(
                texts.stream().filter(text -> !embedded.containsKey(text)).toList()));
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedCalls.record(() -> embeddings.embedDocuments(missing));
            embeddedTexts.increment(missing.size());
            if (vectors.size() != missing.size()) {
                throw new IllegalStateException("The embedding provider answered " + vectors.size() + " vectors for "
                        + missing.size() + " texts");
            }
            for (int i = 0; i < missing.size(); i++) {
                embedded.put(missing.get(i), vectors.get(i));
            }
        }
        for (Plan plan : plans) {
            plan.embedded = new MemoryRepository.MemoryChunks(
                    plan.id,
                    plan.hub == null ? null : plan.hub.hub().id(),
                    plan.chunks,
                    plan.chunks.stream().map(c -> embedded.get(c.embedText())).toList(),
                    plan.views.memoryText() == null ? null : embedded.get(plan.views.memoryText()),
                    plan.views.title() == null ? null : embedded.get(plan.views.title()));
        }
    }

    /**
     * Inside the write's transaction (undone with it): each created or updated memory counts as a
     * push of the caller's monthly quota; new memories and grown content count against their
     * owners' memory and storage limits.
     */
    private void chargeUsage(Caller caller, List<Plan> plans) {
        Map<UUID, long[]> added = new TreeMap<>();
        long pushes = 0;
        for (Plan plan : plans) {
            if (plan.action == Plan.Action.INSERT) {
                long[] owner = added.computeIfAbsent(caller.userId(), k -> new long[2]);
                owner[0]++;
                owner[1] += growth("", plan.fields.content);
                pushes++;
            } else if (plan.action == Plan.Action.UPDATE) {
                added.computeIfAbsent(plan.existing.ownerId(), k -> new long[2])[1] +=
                        growth(plan.existing.content(), plan.fields.content);
                pushes++;
            }
        }
        usage.charge(caller.userId(), UsageMetric.PUSHES, pushes);
        added.forEach((owner, counts) -> usage.requireOwnedWithinLimits(owner, counts[0], counts[1]));
    }

    /** Content bytes (as stored: UTF-8) a change adds; 0 when it shrinks. */
    static long growth(String before, String after) {
        return Math.max(
                0,
                (long) after.getBytes(StandardCharsets.UTF_8).length - before.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Inside the transaction: re-checks each plan's premise, writes, and reads back the result in input order. */
    private List<Memory> apply(Caller caller, List<Plan> plans, Instant now) {
        String model = embeddings.modelId();
        // New memories, their first versions and their chunks go in one round trip each (a batch
        // import is mostly inserts); then each update.
        List<Plan> inserts =
                plans.stream().filter(p -> p.action == Plan.Action.INSERT).toList();
        if (!inserts.isEmpty()) {
            List<MemoryRepository.NewMemory> rows = inserts.stream()
                    .map(p -> new MemoryRepository.NewMemory(
                            p.id, p.hub.hub().id(), caller.userId(), p.fields, Hashes.sha256Hex(p.fields.content)))
                    .toList();
            if (!memories.insertAll(rows, now)) {
                throw new Stale();
            }
            memories.insertCreatedVersions(inserts.stream().map(p -> p.id).toList(), caller.userId(), now);
            memories.insertChunks(model, inserts.stream().map(p -> p.embedded).toList());
        }
        for (Plan plan : plans) {
            switch (plan.action) {
                case INSERT -> {
                    // Written above with the other new memories.
                }
                case UPDATE -> {
                    Memory locked = memories.lock(plan.id).orElseThrow(Stale::new);
                    if (locked.version() != plan.existing.version()
                            || !locked.hubId().equals(plan.existing.hubId())) {
                        throw new Stale();
                    }
                    int version = locked.version() + 1;
                    memories.update(plan.id, plan.fields, Hashes.sha256Hex(plan.fields.content), version, now);
                    memories.insertVersion(plan.id, version, caller.userId(), now, "updated", plan.changes);
                    if (plan.chunks != null) {
                        memories.replaceChunks(plan.id, locked.hubId(), model, plan.embedded);
                    }
                }
                case UNCHANGED -> {
                    // Answered as it is.
                }
            }
            if (plan.action != Plan.Action.UNCHANGED) {
                events.changed(
                        plan.hub.hub().id(),
                        caller,
                        plan.id,
                        plan.action == Plan.Action.INSERT ? "created" : MemoryEvents.updateAction(plan.changes));
            }
        }
        chargeUsage(caller, plans);
        Map<UUID, Memory> byId = memories.findAll(plans.stream().map(p -> p.id).toList()).stream()
                .collect(Collectors.toMap(Memory::id, Function.identity()));
        List<Memory> out = new ArrayList<>();
        for (Plan plan : plans) {
            Memory memory = byId.get(plan.id);
            if (memory == null) {
                throw new Stale();
            }
            out.add(memory);
        }
        return out;
    }

    static boolean stale(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Stale) {
                return true;
            }
        }
        return false;
    }

    /** What a transaction found differs from what its plan assumed: plan again. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }
}
