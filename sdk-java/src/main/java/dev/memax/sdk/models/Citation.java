package dev.memax.sdk.models;

import java.util.UUID;

/**
 * A memory an answer cites: the answer's text refers to it as {@code [index]}.
 *
 * @param index    the number used in the answer's text
 * @param memoryId the cited memory
 * @param title    its title, or null
 */
public record Citation(int index, UUID memoryId, String title) {}
