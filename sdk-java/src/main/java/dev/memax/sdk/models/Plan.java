package dev.memax.sdk.models;

/**
 * A plan and every limit it sets; a null limit is unlimited.
 *
 * @param memoryLimit      memories a user may own
 * @param monthlyPushes    memory creates and updates per period (each memory of a batch counts)
 * @param storageBytes     memory content bytes (UTF-8) a user may own
 * @param heavyPerMinute   requests per minute in the {@code heavy} rate-limit bucket (likewise regular, light)
 * @param dreams           whether background consolidation runs for the user's hubs
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
