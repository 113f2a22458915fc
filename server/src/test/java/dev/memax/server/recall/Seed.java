package dev.memax.server.recall;

import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.platform.Ids;
import dev.memax.server.testing.MemaxServerExtension;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Memories written straight into the tables, for recall tests that need states no route can
 * make (a creation date in the past, an expiry already passed) or thousands of rows quickly.
 * Vectors come from the server's own embedding provider, as the memory package would store them.
 */
final class Seed {
    private final MemaxServerExtension server;
    private final UUID hubId;
    private final UUID ownerId;
    private String title = "";
    private final List<String[]> chunks = new ArrayList<>();
    private String kind = "semantic";
    private String stability = "evolving";
    private List<String> tags = List.of();
    private String source;
    private UUID topicId;
    private boolean pinned;
    private String state = "active";
    private Instant createdAt = Instant.now();
    private Instant expiresAt;

    private Seed(MemaxServerExtension server, UUID hubId, UUID ownerId) {
        this.server = server;
        this.hubId = hubId;
        this.ownerId = ownerId;
    }

    static Seed in(MemaxServerExtension server, UUID hubId, UUID ownerId) {
        return new Seed(server, hubId, ownerId);
    }

    Seed title(String title) {
        this.title = title;
        return this;
    }

    /** One chunk; heading chain optional. */
    Seed chunk(String content, String... headings) {
        String[] row = new String[headings.length + 1];
        row[0] = content;
        System.arraycopy(headings, 0, row, 1, headings.length);
        chunks.add(row);
        return this;
    }

    Seed kind(String kind) {
        this.kind = kind;
        return this;
    }

    Seed stability(String stability) {
        this.stability = stability;
        return this;
    }

    Seed tags(String... tags) {
        this.tags = List.of(tags);
        return this;
    }

    Seed source(String source) {
        this.source = source;
        return this;
    }

    Seed topic(UUID topicId) {
        this.topicId = topicId;
        return this;
    }

    Seed pinned() {
        this.pinned = true;
        return this;
    }

    Seed state(String state) {
        this.state = state;
        return this;
    }

    Seed createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    Seed expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    UUID insert() {
        EmbeddingProvider provider = server.server().bean(EmbeddingProvider.class);
        List<String> texts = chunks.stream().map(c -> c[0]).toList();
        List<float[]> vectors = provider.embedDocuments(texts);
        UUID id = Ids.newId();
        try (Connection connection = connection(server)) {
            try (PreparedStatement memory = connection.prepareStatement("INSERT INTO memories (id, hub_id, owner_id, title, "
                    + "content, content_hash, kind, stability, tags, source, topic_id, pinned, state, created_at, updated_at, "
                    + "expires_at) VALUES (?, ?, ?, ?, ?, md5(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                String content = String.join("\n\n", texts);
                memory.setObject(1, id);
                memory.setObject(2, hubId);
                memory.setObject(3, ownerId);
                memory.setString(4, title);
                memory.setString(5, content);
                memory.setString(6, content);
                memory.setString(7, kind);
                memory.setString(8, stability);
                memory.setArray(9, connection.createArrayOf("text", tags.toArray()));
                memory.setString(10, source);
                memory.setObject(11, topicId);
                memory.setBoolean(12, pinned);
                memory.setString(13, state);
                memory.setTimestamp(14, Timestamp.from(createdAt));
                memory.setTimestamp(15, Timestamp.from(createdAt));
                memory.setTimestamp(16, expiresAt == null ? null : Timestamp.from(expiresAt));
                memory.executeUpdate();
            }
            try (PreparedStatement chunk = connection.prepareStatement("INSERT INTO memory_chunks (id, memory_id, hub_id, "
                    + "ordinal, heading_chain, content, model, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?::vector)")) {
                for (int i = 0; i < chunks.size(); i++) {
                    String[] row = chunks.get(i);
                    chunk.setObject(1, Ids.newId());
                    chunk.setObject(2, id);
                    chunk.setObject(3, hubId);
                    chunk.setInt(4, i);
                    chunk.setArray(5, connection.createArrayOf("text", List.of(row).subList(1, row.length).toArray()));
                    chunk.setString(6, row[0]);
                    chunk.setString(7, provider.modelId());
                    chunk.setString(8, RecallRepository.literal(vectors.get(i)));
                    chunk.addBatch();
                }
                chunk.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    static Connection connection(MemaxServerExtension server) throws SQLException {
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(server.server().bean(DataSource.class));
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }
}
