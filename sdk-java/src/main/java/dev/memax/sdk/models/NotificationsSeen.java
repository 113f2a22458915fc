package dev.memax.sdk.models;

/**
 * The answer of marking every notification seen.
 *
 * @param marked how many were unseen and are now seen
 */
public record NotificationsSeen(int marked) {}
