package dev.memax.sdk.models;

/**
 * A hub as the caller sees it: what every hub route answers.
 *
 * @param hub         the hub
 * @param role        the caller's role in it
 * @param memoryCount how many memories it holds
 */
public record HubEntry(Hub hub, HubRole role, long memoryCount) {}
