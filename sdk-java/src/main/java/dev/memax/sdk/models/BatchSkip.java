package dev.memax.sdk.models;

/**
 * An id a batch delete or move skipped, and why.
 *
 * @param id     the id as sent (an id that is not a UUID included)
 * @param reason {@code not_found} (absent, malformed, or in a hub the caller cannot read),
 *               {@code not_owned} (the caller may not change it there, or may not write it where it
 *               would go), {@code duplicate} (named earlier in the same request) or
 *               {@code source_path_taken} (a move: the destination hub holds a memory with its source path)
 */
public record BatchSkip(String id, String reason) {}
