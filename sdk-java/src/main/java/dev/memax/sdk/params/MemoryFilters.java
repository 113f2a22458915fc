package dev.memax.sdk.params;

import dev.memax.sdk.models.RecallMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What recall and ask share: the query, how many memories, and the filters and search options (which
 * memories may be searched, and how), for their builders to extend: one definition of each setter, so
 * the two requests cannot drift apart.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class MemoryFilters<B extends MemoryFilters<B>> {
    String query;
    Integer limit;
    List<UUID> hubIds;
    List<String> tags;
    String kind;
    UUID topicId;
    String source;
    List<String> sources;
    UUID activeHubId;
    Instant createdAfter;
    Instant createdBefore;
    Boolean includeArchived;
    Double threshold;
    RecallMode mode;

    MemoryFilters() {}

    /** The recall these settings describe, returning {@code count} memories (the server's default when null). */
    RecallParams recall(Integer count) {
        return new RecallParams(
                Checks.required(query, "query"),
                hubIds,
                kind,
                tags,
                topicId,
                source,
                createdAfter,
                createdBefore,
                includeArchived,
                count,
                threshold,
                mode,
                sources,
                activeHubId);
    }

    private B self() {
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    /** What to look for: the recall query, or the question asked (required). */
    public B query(String query) {
        this.query = query;
        return self();
    }

    /** How many memories: recall returns 1-100 (default 10); ask builds its answer from 1-50. */
    public B limit(int limit) {
        this.limit = limit;
        return self();
    }

    /** Only these hubs (each must be readable); every readable hub when not set. */
    public B hubIds(List<UUID> hubIds) {
        this.hubIds = hubIds == null ? null : List.copyOf(hubIds);
        return self();
    }

    /** Adds one hub to those searched. */
    public B addHubId(UUID hubId) {
        List<UUID> ids = hubIds == null ? new ArrayList<>() : new ArrayList<>(hubIds);
        ids.add(hubId);
        this.hubIds = List.copyOf(ids);
        return self();
    }

    /** Only memories carrying every one of these tags. */
    public B tags(String... tags) {
        return tags(Arrays.asList(tags));
    }

    /** Only memories carrying every one of these tags. */
    public B tags(List<String> tags) {
        this.tags = tags == null ? null : List.copyOf(tags);
        return self();
    }

    /** Only memories of this kind ({@code episodic}, {@code semantic}, {@code procedural}, {@code rationale}). */
    public B kind(String kind) {
        this.kind = kind;
        return self();
    }

    /** Only memories in this topic. */
    public B topicId(UUID topicId) {
        this.topicId = topicId;
        return self();
    }

    /**
     * The calling client's name ({@code cli}, {@code sdk}, …), for usage attribution, as in Memax. Not a
     * filter: before 0.2 this narrowed to memories with that source; call {@link #sources(String...)} for that.
     */
    public B source(String source) {
        this.source = source;
        return self();
    }

    /** Only memories whose source is one of these. */
    public B sources(String... sources) {
        return sources(Arrays.asList(sources));
    }

    /** Only memories whose source is one of these. */
    public B sources(List<String> sources) {
        this.sources = sources == null ? null : List.copyOf(sources);
        return self();
    }

    /**
     * The caller's active hub, sent as {@code hub_id}: a ranking hint (its memories rank a little higher),
     * never a filter; narrow with {@link #hubIds(List)}.
     */
    public B activeHubId(UUID activeHubId) {
        this.activeHubId = activeHubId;
        return self();
    }

    /** Only memories created at or after this instant. */
    public B createdAfter(Instant createdAfter) {
        this.createdAfter = createdAfter;
        return self();
    }

    /** Only memories created before this instant. */
    public B createdBefore(Instant createdBefore) {
        this.createdBefore = createdBefore;
        return self();
    }

    /** Also archived memories (left out by default). */
    public B includeArchived(boolean includeArchived) {
        this.includeArchived = includeArchived;
        return self();
    }

    /** Leave out memories whose relevance is below this (0-1). */
    public B threshold(double threshold) {
        this.threshold = threshold;
        return self();
    }

    /**
     * How memories are searched: hybrid (the server's default), semantic or keyword.
     *
     * @throws IllegalArgumentException for {@link RecallMode#UNKNOWN}
     */
    public B mode(RecallMode mode) {
        if (mode == RecallMode.UNKNOWN) {
            throw new IllegalArgumentException("RecallMode.UNKNOWN cannot be sent");
        }
        this.mode = mode;
        return self();
    }
}
