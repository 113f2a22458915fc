package dev.memax.server.platform;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ServerSecretRepository extends GenericRepository<ServerSecret, String> {

    Optional<ServerSecret> findById(String name);

    /** First writer wins, so concurrent first starts of several instances agree on one value. */
    @Query("INSERT INTO server_secrets (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
    void insertIfAbsent(String name, byte[] value);
}
