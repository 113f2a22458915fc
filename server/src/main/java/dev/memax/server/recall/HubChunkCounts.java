package dev.memax.server.recall;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many chunks each hub holds, for BM25's N, remembered for a minute: N only shapes the IDF
 * curve, so a count a minute old ranks the same, and counting a large hub on every recall would
 * cost more than the search.
 */
@Singleton
public class HubChunkCounts {
    private static final long TTL_NANOS = 60_000_000_000L;
    private final RecallRepository repository;
    private final Map<UUID, long[]> counts = new ConcurrentHashMap<>();

    public HubChunkCounts(RecallRepository repository) {
        this.repository = repository;
    }

    /** Chunks in all these hubs together. */
    public long total(List<UUID> hubIds) {
        long now = System.nanoTime();
        List<UUID> stale = new ArrayList<>();
        long total = 0;
        for (UUID hub : hubIds) {
            long[] entry = counts.get(hub);
            if (entry == null || now - entry[1] > TTL_NANOS) {
                stale.add(hub);
            } else {
                total += entry[0];
            }
        }
        if (!stale.isEmpty()) {
            Map<UUID, Long> fresh = repository.chunkCounts(stale);
            for (UUID hub : stale) {
                long count = fresh.getOrDefault(hub, 0L);
                counts.put(hub, new long[]{count, now});
                total += count;
            }
        }
        return total;
    }
}
