package dev.memax.sdk.models;

/**
 * Whether a hub slug can be used.
 *
 * @param slug      the slug checked
 * @param available whether a hub could take it now
 * @param reason    when not available: {@code taken} or {@code invalid}; otherwise null
 */
public record SlugCheck(String slug, boolean available, String reason) {}
