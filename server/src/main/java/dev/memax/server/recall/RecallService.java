package dev.memax.server.recall;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.identity.Caller;
import dev.memax.server.memory.MemoryFilter;
import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.TextInput;
import dev.memax.server.usage.UsageMetric;
import dev.memax.server.usage.UsageService;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Recall (docs/architecture.md §5.6): the chunks nearest to the query's vector (HNSW, cosine, the active
 * model only) and the best full-text matches (BM25), fused, boosted and grouped per memory.
 *
 * <p>Hubs: every hub the caller may read, narrowed by {@code hub_ids}; naming a hub the caller
 * cannot read is {@code not_found}, exactly like every other route that names a hub, so recall
 * reveals nothing about other tenants' hubs. {@code hub_id} (or {@code X-Hub-ID}) is the caller's
 * active hub, as in Memax: its memories rank a little higher, nothing is left out; one the caller
 * cannot read is ignored. {@code source} names the calling client and filters nothing; the source
 * filter is {@code sources}.
 *
 * <p>Vector search strategy: when the searched hubs hold few chunks of the model (at most
 * {@link RecallSettings#exactScanMaxChunks()}), an exact scan; otherwise the HNSW index with
 * pgvector's iterative scan, which keeps walking the graph until enough rows pass the filters;
 * if it still comes back short (a very selective filter in a large hub), an exact scan of what
 * passes the filters. Either way a selective filter gets its true nearest chunks.
 */
@Singleton
public class RecallService {
    private final AccessPolicy access;
    private final EmbeddingProvider embeddings;
    private final RecallRepository repository;
    private final RecallAccesses accesses;
    private final RecallSettings settings;
    private final RecallRanker ranker;
    private final RecallContext contexts;
    private final UsageService usage;

    public RecallService(
            AccessPolicy access,
            EmbeddingProvider embeddings,
            RecallRepository repository,
            RecallAccesses accesses,
            RecallSettings settings,
            RecallContext contexts,
            UsageService usage) {
        this.contexts = contexts;
        this.usage = usage;
        this.access = access;
        this.embeddings = embeddings;
        this.repository = repository;
        this.accesses = accesses;
        this.settings = settings;
        this.ranker = new RecallRanker(settings);
    }

    public RecallResponse recall(Caller caller, RecallRequest request) {
        return recall(caller, request, UsageMetric.RECALLS);
    }

    /**
     * Recall on behalf of another capability: {@code chargedAs} is the monthly quota the request
     * counts against (an ask is one ask, not also a recall). It is charged once the filters are
     * valid, before the search.
     */
    public RecallResponse recall(Caller caller, RecallRequest request, UsageMetric chargedAs) {
        long started = System.nanoTime();
        Instant now = Now.instant();
        RecallMode mode = request.mode() == null ? RecallMode.HYBRID : request.mode();
        int limit = request.limit() == null ? RecallRequest.DEFAULT_LIMIT : request.limit();
        double threshold = request.threshold() == null ? 0 : request.threshold();
        MemoryFilter filters = filters(caller, request, now);
        UUID activeHub = activeHub(request, filters);
        usage.charge(caller.userId(), chargedAs, 1);
        if (chargedAs == UsageMetric.RECALLS) {
            usage.attribute(caller.userId(), chargedAs, request.source());
        }
        String query = request.query().strip();
        String model = embeddings.modelId();
        if (filters.hubIds().isEmpty()) {
            return new RecallResponse(
                    List.of(), new RecallResponse.QueryMetadata(0, millis(started), 0, 0, 0, mode, model, "none"));
        }

        float[] vector = null;
        long embedStart = System.nanoTime();
        if (mode.usesVectors()) {
            vector = embeddings.embedQuery(settings.queryText(query));
        }
        double embeddingMs = millis(embedStart);

        long searchStart = System.nanoTime();
        Candidates candidates = candidates(
                mode,
                filters,
                query,
                vector,
                Math.max(settings.candidates(), limit),
                settings.bm25K1(),
                settings.bm25B(),
                settings.sessionExpansion());
        List<RecallRepository.Scored> scored = candidates.scored();
        double searchMs = millis(searchStart);

        long rankingStart = System.nanoTime();
        List<RecallRanker.Ranked> ranked = ranker.rank(
                mode,
                scored,
                candidates.vectorRanks(),
                candidates.keywordRanks(),
                candidates.contexts(),
                candidates.periods(),
                now,
                activeHub);
        int totalCandidates = ranked.size();
        List<RecallRanker.Ranked> top = new ArrayList<>();
        for (RecallRanker.Ranked r : ranked) {
            if (top.size() == limit || r.score() < threshold) {
                break;
            }
            if (r.score() > 0) {
                top.add(r);
            }
        }
        List<RecallResponse.Memory> memories = top.isEmpty() ? List.of() : present(filters, top, now);
        double rankingMs = millis(rankingStart);
        accesses.record(memories.stream().map(RecallResponse.Memory::id).toList());
        return new RecallResponse(
                memories,
                new RecallResponse.QueryMetadata(
                        totalCandidates,
                        millis(started),
                        embeddingMs,
                        searchMs,
                        rankingMs,
                        mode,
                        model,
                        candidates.strategy()));
    }

    /**
     * The candidates of a query and every signal the ranker needs.
     *
     * @param vectorRanks  1-based places in the vector order
     * @param keywordRanks 1-based places in the BM25 order
     * @param scored       the union of both, with their similarity, BM25 score and boost inputs
     * @param contexts     the candidate memories' event dates and session neighbours ({@link RecallContext})
     * @param periods      the periods the query names ({@link QueryDates})
     * @param strategy     how the vectors were searched: exact, hnsw or none
     */
    record Candidates(
            Map<UUID, Integer> vectorRanks,
            Map<UUID, Integer> keywordRanks,
            List<RecallRepository.Scored> scored,
            Map<UUID, RecallContext.Context> contexts,
            List<QueryDates.Period> periods,
            String strategy) {}

    /**
     * The {@code k} nearest chunks by vector (when {@code vector} is given) and the {@code k} best
     * by BM25 (when the mode uses keywords), with both signals for their union; with {@code expand},
     * also the session neighbours of those memories that neither search found ({@link #sessionNeighbors}).
     */
    Candidates candidates(
            RecallMode mode,
            MemoryFilter filters,
            String query,
            float[] vector,
            int k,
            double k1,
            double b,
            boolean expand) {
        String model = embeddings.modelId();
        String strategy = "none";
        List<RecallRepository.Hit> vectorHits = List.of();
        if (vector != null) {
            boolean exact = repository.chunksUpTo(filters.hubIds(), model, settings.exactScanMaxChunks() + 1)
                    <= settings.exactScanMaxChunks();
            if (!exact) {
                vectorHits = repository.nearest(
                        filters,
                        model,
                        embeddings.dimensions(),
                        vector,
                        k,
                        settings.efSearch(),
                        settings.maxScanTuples());
                exact = vectorHits.size() < k;
            }
            if (exact) {
                vectorHits = repository.nearestExact(filters, model, vector, k);
            }
            strategy = exact ? "exact" : "hnsw";
        }
        Map<UUID, Integer> vectorRanks = ranks(sortedBySimilarity(vectorHits));
        Map<UUID, Integer> keywordRanks = new LinkedHashMap<>();
        Map<UUID, Double> keywordScores = null;
        if (mode.usesKeywords()) {
            keywordScores = keywordScores(filters, query, k, vectorRanks.keySet(), k1, b);
            List<Map.Entry<UUID, Double>> best = new ArrayList<>(keywordScores.entrySet());
            best.sort(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<UUID, Double> e : best.subList(0, Math.min(k, best.size()))) {
                keywordRanks.put(e.getKey(), keywordRanks.size() + 1);
            }
        }
        Set<UUID> union = new LinkedHashSet<>(vectorRanks.keySet());
        union.addAll(keywordRanks.keySet());
        List<RecallRepository.Scored> scored =
                union.isEmpty() ? List.of() : repository.score(filters, union, model, vector, keywordScores);
        List<QueryDates.Period> periods = settings.dateWeight() > 0 ? QueryDates.in(query) : List.of();
        Map<UUID, RecallContext.Context> context =
                scored.isEmpty() || (settings.sessionContextWeight() <= 0 && periods.isEmpty())
                        ? Map.of()
                        : contexts.load(
                                scored.stream()
                                        .map(RecallRepository.Scored::memoryId)
                                        .distinct()
                                        .toList(),
                                model,
                                vector,
                                filters.now(),
                                settings.sessionWindow());
        if (expand && settings.sessionContextWeight() > 0 && !context.isEmpty()) {
            List<RecallRepository.Scored> neighbors =
                    sessionNeighbors(filters, scored, context, model, vector, keywordScores != null);
            if (!neighbors.isEmpty()) {
                scored = new ArrayList<>(scored);
                scored.addAll(neighbors);
                context = new HashMap<>(context);
                context.putAll(contexts.load(
                        neighbors.stream()
                                .map(RecallRepository.Scored::memoryId)
                                .toList(),
                        model,
                        vector,
                        filters.now(),
                        settings.sessionWindow()));
            }
        }
        return new Candidates(vectorRanks, keywordRanks, scored, context, periods, strategy);
    }

    /**
     * The session neighbours of the candidate memories that are not candidates themselves, each by
     * the chunk closest to the query, scored as candidates are (the filters apply to them too). Why:
     * the turn a question is about often shares few words with it and misses both searches, while
     * the turn beside it is found; the ranker then lets that neighbour pull it up
     * ({@link RecallRanker}). They carry no full-text score: neither search matched them
     * (on LoCoMo, issue 17: R@10 0.7566 → 0.7633; SciFact and the agent-memory set unchanged).
     */
    private List<RecallRepository.Scored> sessionNeighbors(
            MemoryFilter filters,
            List<RecallRepository.Scored> scored,
            Map<UUID, RecallContext.Context> context,
            String model,
            float[] vector,
            boolean keywords) {
        Set<UUID> candidates = new HashSet<>();
        scored.forEach(s -> candidates.add(s.memoryId()));
        Map<UUID, UUID> chunkByMemory = new LinkedHashMap<>();
        for (RecallContext.Context c : context.values()) {
            for (RecallContext.Neighbor n : c.neighbors()) {
                if (!candidates.contains(n.memoryId())) {
                    chunkByMemory.putIfAbsent(n.memoryId(), n.chunkId());
                }
            }
        }
        return chunkByMemory.isEmpty()
                ? List.of()
                : repository.score(filters, chunkByMemory.values(), model, vector, keywords ? Map.of() : null);
    }

    /**
     * BM25 scores of the chunks matching the query (at most {@code keywordMaxMatches} of the
     * rarest lexemes' matches are read, see {@link Bm25#matchLexemes}) and of the {@code alsoScore}
     * chunks that match at all, so fusion knows the vector candidates' full-text score too.
     */
    private Map<UUID, Double> keywordScores(
            MemoryFilter filters, String query, int k, Collection<UUID> alsoScore, double k1, double b) {
        Bm25 bm25 = repository.textStats(filters.hubIds(), query, k1, b);
        Map<UUID, Double> scores = new HashMap<>();
        if (bm25.frequencies().isEmpty()) {
            return scores;
        }
        List<String> lexemes = List.copyOf(bm25.frequencies().keySet());
        List<String> match = RecallRepository.websearch(query) ? null : bm25.matchLexemes(settings.keywordMaxMatches());
        if (match != null && match.isEmpty()) {
            return scores;
        }
        List<RecallRepository.TermCounts> counted = new ArrayList<>(
                repository.termCounts(filters, query, lexemes, match, Math.max(k, settings.keywordMaxMatches())));
        Set<UUID> seen = new HashSet<>();
        counted.forEach(c -> seen.add(c.chunkId()));
        List<UUID> missing = alsoScore.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            counted.addAll(repository.termCountsOf(filters, query, lexemes, missing));
        }
        for (RecallRepository.TermCounts c : counted) {
            if (!c.frequencies().isEmpty()) {
                scores.put(c.chunkId(), bm25.score(c.frequencies(), c.length()));
            }
        }
        return scores;
    }

    private List<RecallResponse.Memory> present(MemoryFilter filters, List<RecallRanker.Ranked> top, Instant now) {
        Map<UUID, RecallRepository.Detail> details = new HashMap<>();
        for (RecallRepository.Detail d : repository.details(
                filters, top.stream().map(RecallRanker.Ranked::chunkId).toList())) {
            details.put(d.chunkId(), d);
        }
        List<RecallResponse.Memory> out = new ArrayList<>();
        for (RecallRanker.Ranked r : top) {
            RecallRepository.Detail d = details.get(r.chunkId());
            if (d == null) {
                continue; // deleted while we searched
            }
            out.add(new RecallResponse.Memory(
                    d.memoryId(),
                    d.hubId(),
                    d.title(),
                    d.summary(),
                    d.chunkContent(),
                    d.headingChain(),
                    round(r.score()),
                    d.kind(),
                    d.stability(),
                    d.state(),
                    d.source(),
                    d.sourceAgent(),
                    d.sourcePath(),
                    d.tags(),
                    d.pinned(),
                    d.topicId(),
                    d.eventDates(),
                    d.createdAt(),
                    d.updatedAt(),
                    Ages.since(d.createdAt(), now),
                    d.derivedFrom()));
        }
        return out;
    }

    /**
     * The hubs to search and every filter, validated by the parser {@code GET /v1/memories} uses
     * (422 per field; a hub the caller cannot read is 404): active memories (archived ones too on
     * request), never expired ones.
     */
    MemoryFilter filters(Caller caller, RecallRequest request, Instant now) {
        List<UUID> readable = access.readableHubIds(caller);
        MemoryFilter.Parser p = new MemoryFilter.Parser();
        Set<String> named = new LinkedHashSet<>();
        if (request.hubIds() != null) {
            for (int i = 0; i < request.hubIds().size(); i++) {
                String id = request.hubIds().get(i);
                if (id == null || id.isBlank()) {
                    p.error("hub_ids[" + i + "]", "must be a hub id");
                } else {
                    named.add(id.strip());
                }
            }
        }
        MemoryKind kind = p.kind(request.kind(), "kind");
        List<String> tags = p.words(request.tags(), "tags");
        List<String> sources = p.words(request.sources(), "sources");
        UUID topicId = p.uuid(request.topicId(), "topic_id");
        if (!TextInput.hasText(request.query())) {
            // Recall and ask (and their MCP tools) come here before anything is embedded.
            p.error("query", TextInput.EMPTY_MESSAGE);
        }
        Instant after = p.time(request.createdAfter(), "created_after");
        Instant before = p.time(request.createdBefore(), "created_before");
        p.throwIfAny();
        List<UUID> hubs = readable;
        if (!named.isEmpty()) {
            hubs = new ArrayList<>();
            for (String id : named) {
                UUID hubId = Ids.parseOrNotFound(id, "Hub");
                access.authorize(caller, hubId, HubAction.READ);
                hubs.add(hubId);
            }
        }
        List<MemoryState> states = Boolean.TRUE.equals(request.includeArchived())
                ? List.of(MemoryState.ACTIVE, MemoryState.ARCHIVED)
                : List.of(MemoryState.ACTIVE);
        return new MemoryFilter(hubs, states, false, now, kind, tags, topicId, sources, null, after, before);
    }

    /** The active hub named by {@code hub_id}, when it is one of the searched hubs; a hint never fails a recall. */
    private static UUID activeHub(RecallRequest request, MemoryFilter filters) {
        if (request.hubId() == null || request.hubId().isBlank()) {
            return null;
        }
        try {
            UUID hub = UUID.fromString(request.hubId().strip());
            return filters.hubIds().contains(hub) ? hub : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<RecallRepository.Hit> sortedBySimilarity(List<RecallRepository.Hit> hits) {
        List<RecallRepository.Hit> sorted = new ArrayList<>(hits);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        return sorted;
    }

    private static Map<UUID, Integer> ranks(List<RecallRepository.Hit> hits) {
        Map<UUID, Integer> ranks = new LinkedHashMap<>();
        for (RecallRepository.Hit hit : hits) {
            ranks.putIfAbsent(hit.chunkId(), ranks.size() + 1);
        }
        return ranks;
    }

    private static double millis(long since) {
        return Math.round((System.nanoTime() - since) / 10_000.0) / 100.0;
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
