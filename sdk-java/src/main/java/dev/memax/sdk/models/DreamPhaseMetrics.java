package dev.memax.sdk.models;

/**
 * What a finished phase of a dream run did.
 *
 * @param candidates memories it looked at
 * @param attempted  actions it proposed
 * @param actions    actions applied (in a dry run, recorded)
 * @param skipped    proposals dropped because their memories changed meanwhile
 * @param failed     the phase failed ({@code error} names the failure)
 */
public record DreamPhaseMetrics(
        long candidates,
        long attempted,
        long processed,
        long actions,
        long skipped,
        long durationMs,
        boolean failed,
        String error) {}
