package dev.memax.server.recall;

import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.embedding.Vectors;
import dev.memax.server.testing.MemaxServerExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Thousands of chunks for the filtered-ANN tests, written with SQL: every vector is the query's
 * own vector plus noise of a random size per row, so the distances to the query spread evenly
 * and the rows of a small hub sit among (not beyond) everyone else's. A post-filtered ANN search
 * that looks at the {@code ef_search} nearest rows would find almost none of the small hub's.
 */
final class SelectiveData {
    static final String QUERY = "where did we put the selective filter probe";

    private SelectiveData() {}

    /** Inserts {@code count} one-chunk memories into the hub; {@code every}-th one is tagged {@code tag}. */
    static void fill(MemaxServerExtension server, UUID hubId, UUID ownerId, int count, String tag, int every) {
        EmbeddingProvider provider = server.server().bean(EmbeddingProvider.class);
        float[] query = provider.embedQuery(QUERY);
        Float[] boxed = new Float[query.length];
        for (int i = 0; i < query.length; i++) {
            boxed[i] = query[i];
        }
        try (Connection connection = Seed.connection(server)) {
            try (PreparedStatement memories = connection.prepareStatement("INSERT INTO memories (id, hub_id, owner_id, "
                    + "content, content_hash, tags, created_at, updated_at) SELECT gen_random_uuid(), ?, ?, 'row ' || n, "
                    + "md5('row ' || n), CASE WHEN n % ? = 0 THEN ARRAY[?] ELSE '{}' END, now(), now() "
                    + "FROM generate_series(1, ?) n")) {
                memories.setObject(1, hubId);
                memories.setObject(2, ownerId);
                memories.setInt(3, every);
                memories.setString(4, tag);
                memories.setInt(5, count);
                memories.executeUpdate();
            }
            try (PreparedStatement chunks =
                    connection.prepareStatement("INSERT INTO memory_chunks (id, memory_id, hub_id, "
                            + "ordinal, content, model, embedding) SELECT gen_random_uuid(), m.id, m.hub_id, 0, m.content, ?, "
                            + "(SELECT array_agg(x + (random() - 0.5) * m.noise) FROM unnest(?::float4[]) x)::vector "
                            + "FROM (SELECT id, hub_id, content, 0.02 + random() * 0.4 AS noise FROM memories WHERE hub_id = ? "
                            + "AND NOT EXISTS (SELECT 1 FROM memory_chunks c WHERE c.memory_id = memories.id)) m")) {
                chunks.setString(1, provider.modelId());
                chunks.setArray(2, connection.createArrayOf("float4", boxed));
                chunks.setObject(3, hubId);
                chunks.executeUpdate();
            }
            ensureHnswIndex(connection, provider);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE memories");
                statement.execute("ANALYZE memory_chunks");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedding package creates this index at startup; made here only if it has not (same definition). */
    private static void ensureHnswIndex(Connection connection, EmbeddingProvider provider) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT count(*) FROM pg_indexes WHERE tablename = 'memory_chunks' "
                                + "AND indexdef ILIKE '%hnsw%'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX memory_chunks_test_hnsw ON memory_chunks USING hnsw ((embedding::vector("
                    + provider.dimensions() + ")) vector_cosine_ops) WHERE model = '" + provider.modelId() + "'");
        }
    }

    /** The hub's memories nearest to the query by an exact scan (no index): the truth to compare with. */
    static List<String> exactTop(MemaxServerExtension server, UUID hubId, String tag, int k) {
        EmbeddingProvider provider = server.server().bean(EmbeddingProvider.class);
        List<String> ids = new ArrayList<>();
        try (Connection connection = Seed.connection(server);
                PreparedStatement statement =
                        connection.prepareStatement("SELECT m.id FROM memory_chunks c JOIN memories m "
                                + "ON m.id = c.memory_id WHERE m.hub_id = ? AND (?::text IS NULL OR m.tags @> ARRAY[?::text]) "
                                + "ORDER BY c.embedding <=> ?::vector LIMIT ?")) {
            statement.setObject(1, hubId);
            statement.setString(2, tag);
            statement.setString(3, tag);
            statement.setString(4, Vectors.literal(provider.embedQuery(QUERY)));
            statement.setInt(5, k);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
