package dev.memax.server.plan;

/**
 * A plan and every limit it sets (docs/architecture.md §5.8). A null limit is unlimited.
 *
 * @param memoryLimit      memories a user may own
 * @param monthlyPushes    memory creates and updates per period
 * @param storageBytes     memory content bytes a user may own
 * @param heavyPerMinute   requests per minute in the {@code heavy} rate-limit bucket (likewise regular, light)
 */
public record Plan(
        String id,
        String name,
        Long memoryLimit,
        Long monthlyPushes,
        Long monthlyRecalls,
        Long monthlyAsks,
        Long storageBytes,
        Long maxUploadBytes,
        int heavyPerMinute,
        int regularPerMinute,
        int lightPerMinute,
        boolean dreams) {}
