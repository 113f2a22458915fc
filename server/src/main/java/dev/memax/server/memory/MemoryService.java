package dev.memax.server.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAccess;
import dev.memax.server.access.HubAction;
import dev.memax.server.auth.Caller;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.usage.UsageMetric;
import dev.memax.server.usage.UsageService;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.json.JsonSyntaxException;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of memories (DESIGN.md §3). Every decision about who may do what is asked of
 * {@link AccessPolicy}: {@code READ} to see a memory (a memory in a hub the caller cannot read
 * is {@code not_found}), {@code WRITE} to create and to change one's own, {@code MODERATE} to
 * change or delete another member's.
 *
 * <p>Writes are read-your-writes: the chunks are embedded before anything is written, then the
 * memory, its version row and its chunks are written in one transaction, so a memory is
 * recallable the moment its {@code POST} answers. Embedding happens outside the transaction
 * (it is the slow part); the transaction re-checks what the plan was based on (the version of
 * the memory, the absence of a memory at the source_path) and the whole write is planned again
 * when a concurrent request changed it in between.
 */
@Singleton
public class MemoryService {
    private static final int WRITE_ATTEMPTS = 4;
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final MemoryInput input;
    private final EmbeddingProvider embeddings;
    private final Cursors cursors;
    private final Transactions transactions;
    private final ObjectMapper json;
    /** Each call to the model for a write (a batch of any size is one call), and how long it took. */
    private final Timer embedCalls;
    private final Counter embeddedTexts;
    private final Chunker chunker;
    private final UsageService usage;
    private final EventOutbox events;

    public MemoryService(AccessPolicy policy, MemoryRepository memories, MemoryInput input,
                         EmbeddingProvider embeddings, Cursors cursors,
                         Transactions transactions, ObjectMapper json, MeterRegistry metrics,
                         Chunker chunker, UsageService usage, EventOutbox events) {
        this.usage = usage;
        this.events = events;
        this.policy = policy;
        this.memories = memories;
        this.input = input;
        this.embeddings = embeddings;
        this.cursors = cursors;
        this.transactions = transactions;
        this.json = json;
        this.chunker = chunker;
        this.embedCalls = Timer.builder("memax.memories.embed").description("Embedding calls of memory writes")
                .register(metrics);
        this.embeddedTexts = Counter.builder("memax.memories.embedded.texts")
                .description("Chunks embedded for memory writes").register(metrics);
    }

    /** What a push did: {@code created} (201) or not (200: updated in place, or unchanged). */
    public record Pushed(Memory memory, boolean created) {
    }

    public record Batch(List<Memory> memories) {
    }

    public record Deleted(UUID id, boolean deleted) {
    }

    /**
     * Counts, and the ids behind them (skipped ids as sent: absent, invisible, not allowed, malformed
     * or repeated). {@code skipped} lists each skip with its reason, as Memax's SDK reads it
     * (DESIGN.md §8); {@code skipped_count} is their number.
     */
    public record BatchDeleted(int deleted, List<Skip> skipped, int skippedCount, List<UUID> deletedIds,
                               List<String> skippedIds) {
        static BatchDeleted of(List<UUID> deleted, List<Skip> skipped) {
            return new BatchDeleted(deleted.size(), skipped, skipped.size(), deleted, Skip.ids(skipped));
        }
    }

    /** Counts, and the ids behind them (skipped: absent, invisible, not allowed, repeated, or a source_path the destination holds). */
    public record BatchMoved(int moved, List<Skip> skipped, int skippedCount, List<UUID> movedIds,
                             List<String> skippedIds) {
        static BatchMoved of(List<UUID> moved, List<Skip> skipped) {
            return new BatchMoved(moved.size(), skipped, skipped.size(), moved, Skip.ids(skipped));
        }
    }

    /**
     * One id a batch skipped, as sent, and why: {@code not_found} (absent, malformed, or in a hub the
     * caller cannot read), {@code not_owned} (the caller may not change it there, or may not write
     * it where it would go), {@code duplicate} (named earlier in the same request) or
     * {@code source_path_taken} (the destination hub holds a memory with its {@code source_path}).
     */
    public record Skip(String id, String reason) {
        static List<String> ids(List<Skip> skipped) {
            return skipped.stream().map(Skip::id).toList();
        }

        /** The reason a memory the caller named cannot be changed (deleted or moved) where it is. */
        private static String of(Memory memory, List<UUID> done, Decisions may) {
            if (memory == null || !may.see(memory.hubId())) {
                return "not_found";
            }
            if (done.contains(memory.id())) {
                return "duplicate";
            }
            return may.edit(memory.hubId(), memory.ownerId()) ? null : "not_owned";
        }
    }

    /**
     * {@code GET /v1/memories}'s answer: the page, and how many memories each actor wrote among
     * those the other filters select (the Memax SDK's {@code actors}: {@code human} and agent slugs).
     */
    public record Listing(Page<Memory> page, Map<String, Long> actors) {
        @com.fasterxml.jackson.annotation.JsonValue
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>(page.json());
            json.put("actors", actors);
            return json;
        }
    }

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
            throw ApiException.invalidField("memories", "must hold at most " + MemoryLimits.BATCH + " memories (got "
                    + items.size() + ")");
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
            HubAccess hub = targets.computeIfAbsent(requested == null ? "" : requested.trim(),
                    key -> policy.writeTarget(caller, requested, HubAction.WRITE));
            hubs.add(hub);
            String path = drafts.get(i).fields().sourcePath;
            if (path != null) {
                Integer first = paths.putIfAbsent(hub.hub().id() + "\n" + path, i);
                if (first != null) {
                    errors.add("memories[" + i + "].source_path", "repeats memories[" + first + "] (same hub and path)");
                }
            }
        }
        errors.throwIfAny();
        return new Batch(write(caller, drafts, hubs).memories());
    }

    /** The memories a push answers, in input order, and what was done to each. */
    private record Written(List<Memory> memories, List<Plan.Action> actions) {
    }

    /** One memory of a push: what to write, decided before the transaction. */
    private static final class Plan {
        enum Action { INSERT, UPDATE, UNCHANGED }

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
                Memory existing = path == null ? null : atPaths.get(pathKey(hubs.get(i).hub().id(), path));
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
                pathsByHub.computeIfAbsent(hubs.get(i).hub().id(), hub -> new ArrayList<>()).add(path);
            }
        }
        Map<String, Memory> found = new HashMap<>();
        pathsByHub.forEach((hubId, paths) -> memories.findByPaths(hubId, paths)
                .forEach(m -> found.put(pathKey(hubId, m.sourcePath()), m)));
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
        requireEdit(caller, existing);
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
    private void chunk(Plan plan, MemoryFields fields) {
        plan.chunks = chunker.chunk(fields.title, fields.content);
        plan.views = chunker.views(fields.title, fields.content, plan.chunks.get(0).embedText());
    }

    /**
     * Embeds every chunk and memory-level view of the plans in one provider call (texts embedded
     * by an earlier attempt, or twice in the push, are embedded once).
     */
    private void embed(List<Plan> plans, Map<String, float[]> embedded) {
        List<String> texts = new ArrayList<>();
        for (Plan plan : plans) {
            plan.chunks.forEach(c -> texts.add(c.embedText()));
            Stream.of(plan.views.memoryText(), plan.views.title()).filter(Objects::nonNull).forEach(texts::add);
        }
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts.stream()
                .filter(text -> !embedded.containsKey(text)).toList()));
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
            plan.embedded = new MemoryRepository.MemoryChunks(plan.id, plan.hub == null ? null : plan.hub.hub().id(),
                    plan.chunks, plan.chunks.stream().map(c -> embedded.get(c.embedText())).toList(),
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
                added.computeIfAbsent(plan.existing.ownerId(), k -> new long[2])[1]
                        += growth(plan.existing.content(), plan.fields.content);
                pushes++;
            }
        }
        usage.charge(caller.userId(), UsageMetric.PUSHES, pushes);
        added.forEach((owner, counts) -> usage.requireOwnedWithinLimits(owner, counts[0], counts[1]));
    }

    /** Content bytes (as stored: UTF-8) a change adds; 0 when it shrinks. */
    private static long growth(String before, String after) {
        return Math.max(0, (long) after.getBytes(StandardCharsets.UTF_8).length - before.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Inside the transaction: re-checks each plan's premise, writes, and reads back the result in input order. */
    private List<Memory> apply(Caller caller, List<Plan> plans, Instant now) {
        String model = embeddings.modelId();
        // New memories, their first versions and their chunks go in one round trip each (a batch
        // import is mostly inserts); then each update.
        List<Plan> inserts = plans.stream().filter(p -> p.action == Plan.Action.INSERT).toList();
        if (!inserts.isEmpty()) {
            List<MemoryRepository.NewMemory> rows = inserts.stream().map(p -> new MemoryRepository.NewMemory(p.id,
                    p.hub.hub().id(), caller.userId(), p.fields, Hashes.sha256Hex(p.fields.content))).toList();
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
                    if (locked.version() != plan.existing.version() || !locked.hubId().equals(plan.existing.hubId())) {
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
                memoryChanged(plan.hub.hub().id(), caller, plan.id,
                        plan.action == Plan.Action.INSERT ? "created" : updateAction(plan.changes));
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

    // --- read ---

    /** {@code GET /v1/memories/{id}}; an expired memory only with {@code includeExpired}. */
    public Memory get(Caller caller, String id, boolean includeExpired) {
        return readable(caller, id, includeExpired, Now.instant());
    }

    /** {@code GET /v1/memories}: the caller's readable hubs (or one of them), filtered and sorted, with {@code total}. */
    public Page<Memory> list(Caller caller, MemoryListRequest request, PageRequest page) {
        return page(query(caller, request), page);
    }

    /** {@link #list}, with the per-actor counts. */
    public Listing listing(Caller caller, MemoryListRequest request, PageRequest page) {
        MemoryQuery query = query(caller, request);
        return new Listing(page(query, page), memories.actorCounts(query));
    }

    private Page<Memory> page(MemoryQuery query, PageRequest page) {
        Page<Memory> result = cursors.page("memories", "memories:" + query.sort(), page,
                (after, limit) -> memories.list(query, after, limit), query::position);
        return result.withTotal(memories.count(query));
    }

    /** The request over the hubs it may read: a named hub the caller cannot read is {@code 404}. */
    private MemoryQuery query(Caller caller, MemoryListRequest request) {
        List<UUID> hubs = policy.readableHubIds(caller);
        if (request.hubId() != null) {
            if (!hubs.contains(request.hubId())) {
                throw ApiException.notFound("Hub");
            }
            hubs = List.of(request.hubId());
        }
        return new MemoryQuery(request.filter().withHubs(hubs), request.sort(), request.actor());
    }

    /**
     * {@code GET /v1/memories/search}: fast full-text search, no embeddings (the Memax SDK's
     * {@code memories.search}). Every word must match (the last one as a prefix, for search as
     * you type); active, unexpired memories of the hubs the caller reads (or of {@code hub_id}),
     * those of the active hub ({@code X-Hub-ID}) first. Not a recall: no quota is charged and no
     * access recorded.
     */
    public List<SearchResult> search(Caller caller, String q, String hubId, String topicId, Integer limit,
                                     String activeHub) {
        FieldErrors errors = new FieldErrors();
        String tsquery = null;
        if (blank(q)) {
            errors.add("q", "is required");
        } else if (q.length() > MemoryLimits.SEARCH_QUERY) {
            errors.add("q", "must be at most " + MemoryLimits.SEARCH_QUERY + " characters");
        } else {
            tsquery = prefixQuery(q);
            if (tsquery == null) {
                errors.add("q", "must hold a word (letters or digits)");
            }
        }
        int n = limit == null ? MemoryLimits.SEARCH_DEFAULT : limit;
        if (n < 1 || n > MemoryLimits.SEARCH_MAX) {
            errors.add("limit", "must be between 1 and " + MemoryLimits.SEARCH_MAX);
        }
        UUID hub = blank(hubId) ? null : MemoryInput.uuid(hubId, "hub_id", errors);
        UUID topic = blank(topicId) ? null : MemoryInput.uuid(topicId, "topic_id", errors);
        errors.throwIfAny();
        List<UUID> hubs = policy.readableHubIds(caller);
        if (hub != null) {
            if (!hubs.contains(hub)) {
                throw ApiException.notFound("Hub");
            }
            hubs = List.of(hub);
        }
        if (hubs.isEmpty()) {
            return List.of();
        }
        return memories.search(hubs, tsquery, topic, blank(activeHub) ? null : parse(activeHub), Now.instant(), n);
    }

    /**
     * The words of a search as a tsquery: AND-ed, the last one a prefix; only letters and digits
     * survive, so nothing the user types is tsquery syntax. Null when no word is left.
     */
    static String prefixQuery(String q) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(q);
        while (m.find()) {
            words.add(m.group().toLowerCase(java.util.Locale.ROOT));
        }
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            out.append(i == 0 ? "" : " & ").append(words.get(i)).append(i == words.size() - 1 ? ":*" : "");
        }
        return out.toString();
    }

    /** The answer of {@code POST /v1/memories/{id}/access}. */
    public record Accessed(UUID id, long accessCount, Instant accessedAt) {
    }

    /**
     * {@code POST /v1/memories/{id}/access}: one deliberate open of the memory by a user or agent
     * (the Memax SDK's {@code trackAccessed}), counted at once in {@code access_count} and
     * {@code accessed_at}, which feed recall's access boost. Reading a memory never counts, so
     * prefetches do not inflate the signal. Any reader may record it; the memory does not change
     * version.
     */
    public Accessed access(Caller caller, String id) {
        Instant now = Now.instant();
        Memory memory = readable(caller, id, false, now);
        long count = memories.addAccess(memory.id(), now).orElseThrow(() -> ApiException.notFound("Memory"))[0];
        return new Accessed(memory.id(), count, now);
    }

    /**
     * {@code POST /v1/memories/{id}/share {target_hub_id}}: a copy of the memory in another hub
     * the caller may write (the Memax SDK's {@code memories.share}), owned by the caller, with
     * {@code metadata.shared_from} naming the original. The copy is a push into that hub: 201
     * when new; with a source_path the hub already holds, the same upsert rules (200).
     */
    public Pushed share(Caller caller, String id, MemoryRequests.Share body) {
        FieldErrors errors = new FieldErrors();
        String target = body == null || blank(body.targetHubId()) ? null : body.targetHubId().strip();
        if (target == null) {
            errors.add("target_hub_id", "is required");
        }
        UUID targetId = target == null ? null : MemoryInput.uuid(target, "target_hub_id", errors);
        errors.throwIfAny();
        Memory source = readable(caller, id, false, Now.instant());
        if (source.hubId().equals(targetId)) {
            throw ApiException.invalidField("target_hub_id", "is the hub the memory is already in");
        }
        policy.authorize(caller, targetId, HubAction.WRITE);
        ObjectNode copy = json.createObjectNode();
        copy.put("content", source.content());
        copy.put("title", source.title());
        copy.put("summary", source.summary());
        copy.put("kind", source.kind().toString());
        copy.put("stability", source.stability().toString());
        copy.set("tags", json.valueToTree(source.tags()));
        copy.put("source", source.source());
        copy.put("source_agent", source.sourceAgent());
        copy.put("source_path", source.sourcePath());
        copy.put("session_id", source.sessionId());
        ObjectNode metadata = source.metadata() != null && source.metadata().isObject()
                ? source.metadata().deepCopy() : json.createObjectNode();
        metadata.putObject("shared_from").put("memory_id", source.id().toString())
                .put("hub_id", source.hubId().toString());
        copy.set("metadata", metadata);
        copy.set("project_context", json.valueToTree(source.projectContext()));
        copy.set("event_dates", json.valueToTree(source.eventDates().stream().map(Instant::toString).toList()));
        if (source.expiresAt() != null) {
            copy.put("expires_at", source.expiresAt().toString());
        }
        copy.put("hub_id", targetId.toString());
        try {
            return create(caller, json.treeToValue(copy, MemoryRequests.CreateMemory.class), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored memory does not make a push body", e);
        }
    }

    /** {@code GET /v1/memories/{id}/history}: every version, newest first. */
    public Page<MemoryVersion> history(Caller caller, String id, PageRequest page) {
        Memory memory = readable(caller, id, true, Now.instant());
        return cursors.page("versions", "memory-versions:" + memory.id(), page,
                (after, limit) -> memories.versions(memory.id(), after == null ? null : parseVersion(after.get(0)), limit),
                v -> List.of(Integer.toString(v.version())))
                .withTotal(memories.countVersions(memory.id()));
    }

    /**
     * {@code GET /v1/memories/{id}/related}: the memories whose chunks lie nearest to this
     * memory's chunks (cosine, vectors of the active model only), in hubs the caller can read,
     * without the memory itself and without expired ones (unless {@code includeExpired}).
     */
    public List<RelatedMemory> related(Caller caller, String id, Integer limit, boolean includeExpired) {
        int n = limit == null ? MemoryLimits.RELATED_DEFAULT : limit;
        if (n < 1 || n > MemoryLimits.RELATED_MAX) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MemoryLimits.RELATED_MAX);
        }
        Instant now = Now.instant();
        Memory memory = readable(caller, id, includeExpired, now);
        List<UUID> hubs = policy.readableHubIds(caller);
        String model = embeddings.modelId().replace("'", "''");
        int dims = embeddings.dimensions();
        String vector = "::vector(" + dims + ")";
        // The model is a literal (not a parameter) so the planner can use that model's partial HNSW index.
        String sql = "WITH source AS (SELECT embedding FROM memory_chunks WHERE memory_id = ? AND model = '" + model
                + "' ORDER BY ordinal LIMIT 16), near AS (SELECT n.memory_id, min(n.distance) AS distance "
                + "FROM source s CROSS JOIN LATERAL (SELECT c.memory_id, c.embedding" + vector + " <=> s.embedding"
                + vector + " AS distance FROM memory_chunks c WHERE c.model = '" + model + "' "
                + "AND c.hub_id = ANY(?::uuid[]) AND c.memory_id <> ? ORDER BY c.embedding" + vector
                + " <=> s.embedding" + vector + " LIMIT ?) n GROUP BY n.memory_id) "
                + "SELECT " + MemoryRepository.COLUMNS + ", near.distance FROM near JOIN memories m ON m.id = near.memory_id "
                + (includeExpired ? "" : "WHERE (m.expires_at IS NULL OR m.expires_at > ?) ")
                + "ORDER BY near.distance, m.id LIMIT ?";
        List<Object> args = new ArrayList<>(List.of(memory.id(), hubs, memory.id(), Math.min(400, n * 8)));
        if (!includeExpired) {
            args.add(now);
        }
        args.add(n);
        List<RelatedMemory> related = transactions.executeRead(status -> {
            // pgvector 0.8: keep scanning the HNSW graph until enough rows pass the hub filter.
            memories.query("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)", rs -> rs.getString(1));
            return memories.query(sql, rs -> RelatedMemory.of(memories.map(rs),
                            Math.max(0.0, Math.min(1.0, 1.0 - rs.getDouble("distance")))),
                    args.toArray());
        });
        return related;
    }

    // --- change ---

    /**
     * {@code PATCH /v1/memories/{id}}: the fields present in {@code body} (null clears the
     * nullable ones). A real change bumps the version and records it; changed content or title
     * re-chunks and re-embeds.
     */
    public Memory update(Caller caller, String id, JsonNode body) throws JsonSyntaxException {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(dev.memax.server.platform.RequestErrors.NOT_AN_OBJECT);
        }
        MemoryRequests.UpdateMemory request;
        try {
            request = json.treeToValue(body, MemoryRequests.UpdateMemory.class);
        } catch (JsonProcessingException e) {
            throw new JsonSyntaxException(e);
        }
        Set<String> present = new HashSet<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            present.add(names.next());
        }
        Map<String, float[]> embedded = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            Instant now = Now.instant();
            Memory current = readable(caller, id, true, now);
            requireEdit(caller, current);
            MemoryFields before = MemoryFields.of(current);
            MemoryFields after = input.update(before, request, present, now);
            ObjectNode changes = after.diff(before, json);
            if (changes.isEmpty()) {
                return current;
            }
            Plan plan = new Plan(null, null);
            if (after.needsReembedding(before)) {
                chunk(plan, after);
                embed(List.of(plan), embedded);
            }
            try {
                return transactions.executeWrite(status -> {
                    Memory locked = memories.lock(current.id()).orElseThrow(Stale::new);
                    if (locked.version() != current.version()) {
                        throw new Stale();
                    }
                    int version = locked.version() + 1;
                    memories.update(current.id(), after, Hashes.sha256Hex(after.content), version, now);
                    memories.insertVersion(current.id(), version, caller.userId(), now, "updated", changes);
                    if (plan.chunks != null) {
                        memories.replaceChunks(current.id(), locked.hubId(), embeddings.modelId(), plan.embedded);
                    }
                    usage.charge(caller.userId(), UsageMetric.PUSHES, 1);
                    usage.requireOwnedWithinLimits(locked.ownerId(), 0, growth(locked.content(), after.content));
                    memoryChanged(locked.hubId(), caller, current.id(), updateAction(changes));
                    return memories.find(current.id()).orElseThrow();
                });
            } catch (RuntimeException e) {
                if (MemoryRepository.violatesSourcePath(e)) {
                    throw ApiException.conflict("Another memory in this hub has this source_path");
                }
                if (!stale(e)) {
                    throw e;
                }
                if (attempt >= WRITE_ATTEMPTS) {
                    throw ApiException.conflict("The memory was changed by concurrent requests; retry");
                }
            }
        }
    }

    /** {@code DELETE /v1/memories/{id}}: the memory, its chunks and its history. */
    public Deleted delete(Caller caller, String id) {
        Memory memory = readable(caller, id, true, Now.instant());
        requireEdit(caller, memory);
        return transactions.executeWrite(status -> {
            if (memories.delete(List.of(memory.id())) > 0) {
                memoryChanged(memory.hubId(), caller, memory.id(), "deleted");
            }
            return new Deleted(memory.id(), true);
        });
    }

    /** {@code POST /v1/memories/batch-delete}: deletes what the caller may delete, skips the rest. */
    public BatchDeleted deleteBatch(Caller caller, MemoryRequests.BatchDelete body) {
        List<String> ids = requireIds(body == null ? null : body.ids());
        return transactions.executeWrite(status -> {
            Map<UUID, Memory> found = lockAll(ids);
            Decisions may = new Decisions(caller);
            List<UUID> deleted = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            for (String raw : ids) {
                Memory memory = found.get(parse(raw));
                String reason = Skip.of(memory, deleted, may);
                if (reason != null) {
                    skipped.add(new Skip(raw, reason));
                } else {
                    deleted.add(memory.id());
                    memoryChanged(memory.hubId(), caller, memory.id(), "deleted");
                }
            }
            if (!deleted.isEmpty()) {
                memories.delete(deleted);
            }
            return BatchDeleted.of(deleted, skipped);
        });
    }

    /**
     * {@code POST /v1/memories/batch-move}: to another hub ({@code hub_id}) and/or topic
     * ({@code topic_id}). The caller must be allowed to change each memory where it is and to
     * write it where it goes (others' memories: moderate in both); a destination hub the caller
     * cannot write is an error for the whole request, a memory it may not move is skipped. A move
     * to another hub without {@code topic_id} leaves the memory without a topic (topics are per hub).
     */
    public BatchMoved moveBatch(Caller caller, MemoryRequests.BatchMove body) {
        List<String> ids = requireIds(body == null ? null : body.ids());
        FieldErrors errors = new FieldErrors();
        String hubIdText = body.hubId() == null || body.hubId().isBlank() ? null : body.hubId().trim();
        UUID topicId = body.topicId() == null || body.topicId().isBlank() ? null
                : MemoryInput.uuid(body.topicId(), "topic_id", errors);
        if (hubIdText == null && body.topicId() == null) {
            errors.add("hub_id", "hub_id or topic_id is required");
        }
        errors.throwIfAny();
        UUID destination = hubIdText == null ? null : policy.authorize(caller, hubIdText, HubAction.WRITE).hub().id();
        Instant now = Now.instant();
        return transactions.executeWrite(status -> {
            Map<UUID, Memory> found = lockAll(ids);
            Decisions may = new Decisions(caller);
            List<UUID> moved = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            Set<String> arrivingPaths = new HashSet<>();
            for (String raw : ids) {
                Memory m = found.get(parse(raw));
                String reason = Skip.of(m, moved, may);
                if (reason != null) {
                    skipped.add(new Skip(raw, reason));
                    continue;
                }
                UUID hub = destination == null ? m.hubId() : destination;
                boolean changesHub = !hub.equals(m.hubId());
                if (changesHub && !may.edit(hub, m.ownerId())) {
                    skipped.add(new Skip(raw, "not_owned"));
                    continue;
                }
                if (changesHub && m.sourcePath() != null && (!arrivingPaths.add(m.sourcePath())
                        || memories.findByPath(hub, m.sourcePath()).isPresent())) {
                    skipped.add(new Skip(raw, "source_path_taken"));
                    continue;
                }
                UUID topic = topicId != null ? topicId : changesHub ? null : m.topicId();
                moved.add(m.id());
                if (!changesHub && Objects.equals(topic, m.topicId())) {
                    continue;
                }
                ObjectNode changes = json.createObjectNode();
                if (changesHub) {
                    changes.putObject("hub_id").put("from", m.hubId().toString()).put("to", hub.toString());
                }
                if (!Objects.equals(topic, m.topicId())) {
                    ObjectNode change = changes.putObject("topic_id");
                    change.set("from", json.valueToTree(m.topicId()));
                    change.set("to", json.valueToTree(topic));
                }
                memories.move(m.id(), hub, topic, m.version() + 1, now);
                memories.insertVersion(m.id(), m.version() + 1, caller.userId(), now, "moved", changes);
                // Readers of either hub must learn of the move: it leaves one and arrives in the other.
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("action", "moved");
                payload.put("from_hub_id", m.hubId());
                payload.put("to_hub_id", hub);
                events.hub(EventType.MEMORIES_CHANGED, m.hubId(), caller.userId(), m.id(), payload);
                if (changesHub) {
                    events.hub(EventType.MEMORIES_CHANGED, hub, caller.userId(), m.id(), payload);
                }
            }
            return BatchMoved.of(moved, skipped);
        });
    }

    // --- helpers ---

    /** Inside the change's transaction: {@code hub.memories.changed} for the memory's hub. */
    private void memoryChanged(UUID hubId, Caller caller, UUID memoryId, String action) {
        events.hub(EventType.MEMORIES_CHANGED, hubId, caller.userId(), memoryId, Map.of("action", action));
    }

    /** An update that puts the memory in the archived state is announced as {@code archived}. */
    private static String updateAction(ObjectNode changes) {
        return MemoryState.ARCHIVED.toString().equalsIgnoreCase(changes.at("/state/to").asText("")) ? "archived" : "updated";
    }

    /** The memory if the caller may read it (and, unless {@code includeExpired}, it has not expired); else not_found. */
    private Memory readable(Caller caller, String id, boolean includeExpired, Instant now) {
        Memory memory = memories.find(Ids.parseOrNotFound(id, "Memory"))
                .filter(m -> visible(caller, m.hubId()))
                .orElseThrow(() -> ApiException.notFound("Memory"));
        policy.authorize(caller, memory.hubId(), HubAction.READ);
        if (!includeExpired && memory.expiredAt(now)) {
            throw ApiException.notFound("Memory");
        }
        return memory;
    }

    private boolean visible(Caller caller, UUID hubId) {
        return policy.visible(caller, hubId).isPresent();
    }

    /** Own memories need WRITE, others' MODERATE. */
    private void requireEdit(Caller caller, Memory memory) {
        policy.authorize(caller, memory.hubId(), editAction(caller, memory.ownerId()));
    }

    /** The policy's answers for one batch, asked once per hub and action (a batch touches few hubs). */
    private final class Decisions {
        private final Caller caller;
        private final Map<String, Boolean> answers = new HashMap<>();

        Decisions(Caller caller) {
            this.caller = caller;
        }

        boolean see(UUID hubId) {
            return answers.computeIfAbsent(hubId + ":see", key -> visible(caller, hubId));
        }

        /** Own memories need WRITE, others' MODERATE. */
        boolean edit(UUID hubId, UUID ownerId) {
            HubAction action = editAction(caller, ownerId);
            return answers.computeIfAbsent(hubId + ":" + action, key -> policy.allows(caller, hubId, action));
        }
    }

    private static HubAction editAction(Caller caller, UUID ownerId) {
        return caller.userId().equals(ownerId) ? HubAction.WRITE : HubAction.MODERATE;
    }

    private Map<UUID, Memory> lockAll(List<String> ids) {
        List<UUID> valid = ids.stream().map(MemoryService::parse).filter(Objects::nonNull).distinct().toList();
        Map<UUID, Memory> found = new LinkedHashMap<>();
        if (!valid.isEmpty()) {
            memories.lockAll(valid).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    private static List<String> requireIds(List<String> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MemoryLimits.BATCH) {
            throw ApiException.invalidField("ids", "must hold 1-" + MemoryLimits.BATCH + " ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw ApiException.invalidField("ids[" + i + "]", "must be a memory id");
            }
        }
        return ids;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid cursor");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean stale(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Stale) {
                return true;
            }
        }
        return false;
    }

    /** What a transaction found differs from what its plan assumed: plan again. */
    private static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }
}
