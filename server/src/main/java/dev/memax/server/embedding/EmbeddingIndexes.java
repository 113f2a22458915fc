package dev.memax.server.embedding;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partial HNSW index per model on {@code memory_chunks}: the vector column has no fixed
 * dimension (models of any size coexist), so each model is indexed through a cast to its
 * dimension and a {@code WHERE model = '<id>'} predicate, which every search repeats.
 *
 * <p>{@link #ensure} runs synchronously at startup, before the HTTP server binds, so a server
 * that reports ready always has the index of its model. The usual case (index present) is one
 * catalog lookup (a millisecond). A missing index (first start, or after a model change) is built
 * with {@code CREATE INDEX CONCURRENTLY}, which does not block writes of instances still running,
 * under an advisory lock so two starting instances do not build it twice; the rows of a new
 * model are few until {@code reembed} runs, so the build is short. A build interrupted earlier
 * leaves an invalid index, which is dropped and rebuilt.
 */
@Singleton
public class EmbeddingIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingIndexes.class);
    /** Advisory lock key (arbitrary constant) serialising index builds across instances. */
    private static final long LOCK_KEY = 0x6d656d6178_01L;

    private static final int MAX_IDENTIFIER = 63;
    /** pgvector's HNSW limit for the vector type. */
    static final int MAX_HNSW_DIMENSIONS = 2000;

    private final DataSource dataSource;
    private final EmbeddingProvider provider;

    public EmbeddingIndexes(DataSource dataSource, EmbeddingProvider provider) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.provider = provider;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ensure(provider.modelId(), provider.dimensions());
    }

    /** Creates the active model's index when missing; returns its name. */
    public String ensureActive() {
        return ensure(provider.modelId(), provider.dimensions());
    }

    /**
     * Creates the index for {@code modelId} vectors of {@code dimensions} when missing; returns its
     * name, or null above pgvector's 2000-dimension HNSW limit (searches are then exact scans).
     */
    public String ensure(String modelId, int dimensions) {
        String name = indexName(modelId, dimensions);
        if (dimensions > MAX_HNSW_DIMENSIONS) {
            LOG.warn(
                    "Model {} has {} dimensions; pgvector's HNSW indexes at most {}, so its searches are exact scans"
                            + " (set MEMAX_EMBEDDING_DIMENSIONS to {} or less for an index)",
                    modelId,
                    dimensions,
                    MAX_HNSW_DIMENSIONS,
                    MAX_HNSW_DIMENSIONS);
            return null;
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // CREATE INDEX CONCURRENTLY cannot run in a transaction
            if (valid(connection, name).orElse(false)) {
                return name;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                try {
                    Optional<Boolean> state = valid(connection, name);
                    if (state.isPresent() && !state.get()) {
                        LOG.warn("Dropping invalid index {} (an interrupted build) to rebuild it", name);
                        statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
                        state = Optional.empty();
                    }
                    if (state.isEmpty()) {
                        statement.execute(createStatement(name, modelId, dimensions));
                        LOG.info(
                                "Created HNSW index {} for model {} ({} dims) in {} ms",
                                name,
                                modelId,
                                dimensions,
                                (System.nanoTime() - started) / 1_000_000);
                    }
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
            return name;
        } catch (SQLException e) {
            throw new EmbeddingException("could not create the vector index " + name + ": " + e.getMessage(), e);
        }
    }

    /** Present and valid, present but invalid, or absent. */
    private static Optional<Boolean> valid(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
                WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace""")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    static String createStatement(String name, String modelId, int dimensions) {
        if (dimensions < 1 || dimensions > MAX_HNSW_DIMENSIONS) {
            throw new EmbeddingException(
                    "cannot index " + dimensions + "-dimensional vectors with HNSW (at most 2000)");
        }
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name
                + " ON memory_chunks USING hnsw ((embedding::vector(" + dimensions + ")) vector_cosine_ops)"
                + " WITH (m = 16, ef_construction = 64) WHERE model = " + literal(modelId);
    }

    /**
     * {@code memory_chunks_hnsw_<model>_<dims>}, the model id folded to {@code [a-z0-9_]}; when
     * folding changed it (or the name is too long) a short hash of the exact id keeps names of
     * different ids apart.
     */
    public static String indexName(String modelId, int dimensions) {
        String folded =
                modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String prefix = "memory_chunks_hnsw_";
        String suffix = "_" + dimensions;
        // Readable only when folding is reversible up to '-' vs '.', e.g. bge-small-en-v1.5-q.
        boolean exact = modelId.indexOf('_') < 0
                && folded.equals(modelId.replace('-', '_').replace('.', '_'));
        String name = prefix + folded + suffix;
        if (name.length() <= MAX_IDENTIFIER && exact) {
            return name;
        }
        String hash = "_" + sha256(modelId).substring(0, 8);
        int room = MAX_IDENTIFIER - prefix.length() - suffix.length() - hash.length();
        return prefix + folded.substring(0, Math.min(folded.length(), room)) + hash + suffix;
    }

    /** A SQL string literal (standard_conforming_strings is on in every supported PostgreSQL). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
