package dev.memax.server.platform;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A random secret generated once and shared by every instance through the database. */
@MappedEntity("server_secrets")
public record ServerSecret(@Id String name, byte[] value) {}
