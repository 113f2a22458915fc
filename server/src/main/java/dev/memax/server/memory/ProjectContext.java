package dev.memax.server.memory;

import io.micronaut.core.annotation.Introspected;

/** Where a memory was made: the repository, project and branch an agent worked in (each optional). */
@Introspected
public record ProjectContext(String repo, String project, String branch) {}
