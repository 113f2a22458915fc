package dev.memax.server.recall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** A memory for a recall test, created through the memory API by its owner (see {@link #insert}). */
final class Seed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MemaxServerExtension server;
    private final UUID hubId;
    private final TestUser owner;
    private String title = "";
    private final List<String[]> chunks = new ArrayList<>();
    private String kind = "semantic";
    private String stability = "evolving";
    private List<String> tags = List.of();
    private String source;
    private UUID topicId;
    private boolean pinned;
    private String state = "active";
    private Instant createdAt;
    private Instant expiresAt;

    private Seed(MemaxServerExtension server, UUID hubId, TestUser owner) {
        this.server = server;
        this.hubId = hubId;
        this.owner = owner;
    }

    static Seed in(MemaxServerExtension server, UUID hubId, TestUser owner) {
        return new Seed(server, hubId, owner);
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

    /**
     * Creates the memory through {@code POST /v1/memories} as its owner (chunks become Markdown
     * sections under their headings, so the memory package chunks and embeds them as it would any
     * push), places it in its topic with {@code PATCH}, then sets with SQL only what no route can: a
     * creation time in the past, an expiry already passed, the processing state.
     */
    UUID insert() {
        ObjectNode body = JSON.createObjectNode()
                .put("title", title)
                .put("content", markdown())
                .put("kind", kind)
                .put("stability", stability)
                .put("pinned", pinned);
        ArrayNode tagArray = body.putArray("tags");
        tags.forEach(tagArray::add);
        if (source != null) {
            body.put("source", source);
        }
        if (expiresAt != null && expiresAt.isAfter(Instant.now())) {
            body.put("expires_at", expiresAt.toString());
        }
        Http.Result created = server.http()
                .postJson(
                        "/v1/memories", body.toString(), "Authorization", owner.bearer(), "X-Hub-ID", hubId.toString());
        if (created.status() != 201) {
            throw new AssertionError("push failed: " + created);
        }
        UUID id = UUID.fromString(created.json().at("/data/id").asText());
        if (topicId != null) {
            Http.Result placed = server.http()
                    .send(
                            "PATCH",
                            "/v1/memories/" + id,
                            "{\"topic_id\": \"" + topicId + "\"}",
                            "Authorization",
                            owner.bearer(),
                            "Content-Type",
                            "application/json");
            if (placed.status() != 200) {
                throw new AssertionError("placing in the topic failed: " + placed);
            }
        }
        List<String> updates = new ArrayList<>();
        if (createdAt != null) {
            updates.add("created_at = '" + createdAt + "', updated_at = '" + createdAt + "'");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            updates.add("expires_at = '" + expiresAt + "'");
        }
        if (!"active".equals(state)) {
            updates.add("state = '" + state + "'");
        }
        if (!updates.isEmpty()) {
            server.database().execute("UPDATE memories SET " + String.join(", ", updates) + " WHERE id = '" + id + "'");
        }
        return id;
    }

    /** The chunks as Markdown: each under its heading chain (only the headings that change are written). */
    private String markdown() {
        StringBuilder out = new StringBuilder();
        List<String> previous = List.of();
        for (String[] chunk : chunks) {
            List<String> chain = List.of(chunk).subList(1, chunk.length);
            int common = 0;
            while (common < Math.min(previous.size(), chain.size())
                    && previous.get(common).equals(chain.get(common))) {
                common++;
            }
            if (common == chain.size() && chain.size() < previous.size()) {
                common = Math.max(0, chain.size() - 1);
            }
            for (int level = common; level < chain.size(); level++) {
                out.append("#".repeat(level + 1))
                        .append(' ')
                        .append(chain.get(level))
                        .append("\n\n");
            }
            out.append(chunk[0]).append("\n\n");
            previous = chain;
        }
        return out.toString().strip();
    }

    static Connection connection(MemaxServerExtension server) throws SQLException {
        DataSource dataSource =
                DelegatingDataSource.unwrapDataSource(server.server().bean(DataSource.class));
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }
}
