package dev.memax.sdk.models;

/** {@code POST /v1/topics/reorder}: how many topics were updated. */
public record TopicsReordered(int updated) {}
