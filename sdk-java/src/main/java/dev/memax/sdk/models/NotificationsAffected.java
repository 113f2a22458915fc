package dev.memax.sdk.models;

/**
 * The answer of a bulk change of notifications ({@code POST /v1/notifications/dismiss}).
 *
 * @param affected how many notifications changed
 */
public record NotificationsAffected(int affected) {}
