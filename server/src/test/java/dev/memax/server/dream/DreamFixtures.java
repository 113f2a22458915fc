package dev.memax.server.dream;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/** Hand-made dream inputs: memories with every field defaulted, and unit vectors at chosen angles. */
final class DreamFixtures {
    static final UUID HUB = new UUID(7, 7);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int DIMENSIONS = 8;

    private DreamFixtures() {}

    static UUID id(int n) {
        return new UUID(0, n);
    }

    static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    /** A unit vector along {@code axis}, turned towards the next axis so its cosine to the axis is {@code cosine}. */
    static float[] vector(int axis, double cosine) {
        float[] v = new float[DIMENSIONS];
        v[axis % DIMENSIONS] = (float) cosine;
        v[(axis + 1) % DIMENSIONS] = (float) Math.sqrt(1 - cosine * cosine);
        return v;
    }

    static float[] axis(int axis) {
        return vector(axis, 1);
    }

    /** A random (not unit) vector of 64 dimensions: random directions are nearly orthogonal there. */
    static float[] randomVector(Random random) {
        float[] v = new float[64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** A unit vector at about {@code noise} away from the base. */
    static float[] near(float[] base, double noise, Random random) {
        float[] n = DreamVectors.unit(randomVector(random));
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + noise * n[i]);
        }
        return DreamVectors.unit(v);
    }

    /**
     * A hub of {@code size} statements on random subjects (day 0), the first {@code planted} of them
     * followed by another statement on the same subject a day later, at cosine ~0.98.
     */
    static List<DreamMemory> plantedHub(
            Random random, int size, int planted, IntFunction<String> statement, IntFunction<String> later) {
        List<DreamMemory> hub = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            float[] subject = DreamVectors.unit(randomVector(random));
            hub.add(memory(10_000 + i, statement.apply(i)).on(0).vector(subject).build());
            if (i < planted) {
                hub.add(memory(20_000 + i, later.apply(i))
                        .on(1)
                        .vector(near(subject, 0.2, random))
                        .build());
            }
        }
        return hub;
    }

    static Builder memory(int n, String content) {
        return new Builder(id(n), content);
    }

    /** Defaults: an active, evolving, semantic memory of the hub created on T0, never read, in no topic. */
    static final class Builder {
        private final UUID id;
        private final String content;
        private UUID hub = HUB;
        private MemoryKind kind = MemoryKind.SEMANTIC;
        private Stability stability = Stability.EVOLVING;
        private boolean pinned;
        private MemoryState state = MemoryState.ACTIVE;
        private String title;
        private List<String> tags = List.of();
        private String source = "api";
        private String sourcePath;
        private String sessionId;
        private List<Instant> eventDates = List.of();
        private Instant createdAt = T0;
        private Instant updatedAt;
        private Instant lastAccessedAt;
        private long accessCount;
        private float[] vector = axis(0);
        private Set<UUID> topicIds = Set.of();
        private Set<UUID> userPlaced = Set.of();

        private Builder(UUID id, String content) {
            this.id = id;
            this.content = content;
        }

        Builder hub(UUID value) {
            hub = value;
            return this;
        }

        Builder kind(MemoryKind value) {
            kind = value;
            return this;
        }

        Builder stability(Stability value) {
            stability = value;
            return this;
        }

        Builder pinned() {
            pinned = true;
            return this;
        }

        Builder state(MemoryState value) {
            state = value;
            return this;
        }

        Builder title(String value) {
            title = value;
            return this;
        }

        Builder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        Builder source(String value) {
            source = value;
            return this;
        }

        Builder path(String value) {
            sourcePath = value;
            return this;
        }

        Builder session(String value) {
            sessionId = value;
            return this;
        }

        Builder events(Instant... values) {
            eventDates = List.of(values);
            return this;
        }

        /** Created (and last changed) on day {@code n}. */
        Builder on(int n) {
            createdAt = day(n);
            updatedAt = day(n);
            return this;
        }

        Builder read(long count, Instant last) {
            accessCount = count;
            lastAccessedAt = last;
            return this;
        }

        Builder vector(float[] value) {
            vector = value;
            return this;
        }

        Builder topics(Set<UUID> all, Set<UUID> byUser) {
            topicIds = all;
            userPlaced = byUser;
            return this;
        }

        DreamMemory build() {
            return new DreamMemory(
                    id,
                    hub,
                    kind,
                    stability,
                    pinned,
                    state,
                    title,
                    content,
                    tags,
                    source,
                    sourcePath,
                    sessionId,
                    eventDates,
                    createdAt,
                    updatedAt == null ? createdAt : updatedAt,
                    lastAccessedAt,
                    accessCount,
                    vector,
                    topicIds,
                    userPlaced);
        }
    }
}
