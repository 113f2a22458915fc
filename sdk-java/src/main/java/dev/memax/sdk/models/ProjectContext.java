package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a memory was made; each part optional.
 *
 * @param repo    the repository
 * @param project the project
 * @param branch  the branch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectContext(String repo, String project, String branch) {}
