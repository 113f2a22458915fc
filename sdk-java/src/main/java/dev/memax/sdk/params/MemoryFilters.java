package dev.memax.sdk.params;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The filters recall and ask share (which memories may be searched), for their builders to
 * extend: one definition of each setter, so the two requests cannot drift apart.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class MemoryFilters<B extends MemoryFilters<B>> {
    List<UUID> hubIds;
    List<String> tags;
    String kind;
    UUID topicId;
    String source;
    Instant createdAfter;
    Instant createdBefore;

    MemoryFilters() {
    }

    private B self() {
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
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

    /** Only memories with exactly this source. */
    public B source(String source) {
        this.source = source;
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
}
