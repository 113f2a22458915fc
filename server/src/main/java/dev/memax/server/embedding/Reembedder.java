package dev.memax.server.embedding;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code reembed}: gives every chunk (of one hub, or of all) whose {@code model} differs from the
 * active provider's a vector of the active model, in batches, each committed on its own, so the
 * work survives interruption and a re-run skips what is done. Chunks are visited once in id
 * order (keyset), so a chunk that a concurrent write replaces is simply skipped (the write gave
 * its successor the active model already). Recall only searches the active model, so a hub's
 * memories become findable again batch by batch.
 *
 * <p>A chunk keeps its boundaries: when the new model reads fewer tokens than the old one
 * (bge-small 510 → MiniLM 126), longer chunks are counted and reported, since their tails stay
 * invisible until the memory is saved again (which re-chunks it).
 */
@Singleton
public class Reembedder {
    private final DataSource dataSource;
    private final EmbeddingProvider provider;
    private final ChunkText chunkText;

    public Reembedder(DataSource dataSource, EmbeddingProvider provider, ChunkText chunkText) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.provider = provider;
        this.chunkText = chunkText;
    }

    /**
     * What a run did.
     *
     * @param overLength chunks longer than the model reads (their tails stay unsearchable until re-chunked)
     * @param left       chunks still on another model afterwards (written by an instance on the old model meanwhile)
     */
    public record Result(String model, long reembedded, long total, long overLength, long left, double seconds) {

        /** The closing lines the command prints. */
        public String summary(int maxTokens) {
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT, "reembed: done, %d chunks re-embedded with %s in %.1f s", reembedded, model, seconds));
            if (overLength > 0) {
                text.append(String.format(
                        Locale.ROOT,
                        "%nreembed: %d chunks are longer than %s reads (%d tokens); only"
                                + " their beginning is searchable until their memories are saved again (which re-chunks them)",
                        overLength,
                        model,
                        maxTokens));
            }
            if (left > 0) {
                text.append(String.format(
                        Locale.ROOT,
                        "%nreembed: %d chunks were written with another model meanwhile; run reembed again",
                        left));
            }
            return text.toString();
        }
    }

    /**
     * @param hub   a hub id or slug; null for every hub
     * @param batch chunks per embedding call and per transaction
     * @param out   progress lines
     */
    public Result run(String hub, int batch, PrintStream out) {
        if (batch < 1 || batch > 2048) {
            throw new IllegalArgumentException("--batch must be between 1 and 2048");
        }
        String model = provider.modelId();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            UUID hubId = hub == null ? null : resolveHub(connection, hub);
            long total = count(connection, model, hubId);
            String scope = hubId == null ? "all hubs" : "hub " + hubId;
            out.printf(
                    Locale.ROOT,
                    "reembed: %d chunks of %s to re-embed with %s (%d dims), %d per batch%n",
                    total,
                    scope,
                    model,
                    provider.dimensions(),
                    batch);
            out.flush();
            connection.setAutoCommit(false);
            UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: this is the least
            long done = 0;
            long overLength = 0;
            while (true) {
                List<Row> rows = next(connection, model, hubId, after, batch);
                connection.commit(); // the read needs no transaction held across the embedding
                if (rows.isEmpty()) {
                    break;
                }
                List<String> texts = new ArrayList<>(rows.size());
                List<String> views = new ArrayList<>();
                for (Row row : rows) {
                    String text = chunkText.embedText(row.title(), row.headingChain(), row.ordinal(), row.content());
                    if (provider.countTokens(text) > provider.maxTokens()) {
                        overLength++;
                    }
                    texts.add(text);
                    if (row.ordinal() == 0) {
                        // The first chunk also carries the memory-level views (memory text, title).
                        views.add(chunkText.memoryText(row.title(), row.memoryContent(), text));
                        views.add(ChunkText.titleText(row.title()));
                    }
                }
                List<String> all = new ArrayList<>(texts);
                views.stream().filter(java.util.Objects::nonNull).forEach(all::add);
                List<float[]> embedded = provider.embedDocuments(all);
                List<float[]> viewVectors = new ArrayList<>();
                int next = texts.size();
                for (String view : views) {
                    viewVectors.add(view == null ? null : embedded.get(next++));
                }
                done += update(connection, model, rows, embedded.subList(0, texts.size()), viewVectors);
                connection.commit();
                after = rows.get(rows.size() - 1).id();
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "reembed: %d/%d chunks (%d%%) %.0f chunks/s%n",
                        done,
                        Math.max(total, done),
                        total == 0 ? 100 : Math.min(100, done * 100 / total),
                        done / Math.max(seconds, 1e-3));
                out.flush();
            }
            long left = count(connection, model, hubId);
            connection.commit();
            return new Result(model, done, total, overLength, left, (System.nanoTime() - started) / 1e9);
        } catch (SQLException e) {
            throw new EmbeddingException("reembed failed: " + e.getMessage(), e);
        }
    }

    /** A chunk to re-embed; {@code memoryContent} only on a memory's first chunk (for its memory view). */
    private record Row(
            UUID id,
            String model,
            String title,
            List<String> headingChain,
            int ordinal,
            String content,
            String memoryContent) {}

    private static UUID resolveHub(Connection connection, String hub) throws SQLException {
        UUID id = null;
        try {
            id = UUID.fromString(hub.trim());
        } catch (IllegalArgumentException notAnId) {
            // a slug
        }
        try (PreparedStatement statement = connection.prepareStatement(
                id != null ? "SELECT id FROM hubs WHERE id = ?" : "SELECT id FROM hubs WHERE lower(slug) = lower(?)")) {
            if (id != null) {
                statement.setObject(1, id);
            } else {
                statement.setString(1, hub.trim());
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no hub '" + hub + "'");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static long count(Connection connection, String model, UUID hubId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM memory_chunks WHERE model <> ?" + (hubId == null ? "" : " AND hub_id = ?"))) {
            statement.setString(1, model);
            if (hubId != null) {
                statement.setObject(2, hubId);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Row> next(Connection connection, String model, UUID hubId, UUID after, int batch)
            throws SQLException {
        String sql = "SELECT c.id, c.model, m.title, c.heading_chain, c.ordinal, c.content,"
                + " CASE WHEN c.ordinal = 0 THEN m.content END"
                + " FROM memory_chunks c JOIN memories m ON m.id = c.memory_id"
                + " WHERE c.model <> ? AND c.id > ?" + (hubId == null ? "" : " AND c.hub_id = ?")
                + " ORDER BY c.id LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            statement.setString(i++, model);
            statement.setObject(i++, after);
            if (hubId != null) {
                statement.setObject(i++, hubId);
            }
            statement.setInt(i, batch);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array chain = rs.getArray(4);
                    rows.add(new Row(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            chain == null ? List.of() : Arrays.asList((String[]) chain.getArray()),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
            return rows;
        }
    }

    /**
     * Only chunks still as read (same model): a concurrent rewrite of the memory wins.
     * {@code views} holds two vectors (memory text, title; either null) per first chunk, in row order.
     */
    private static int update(
            Connection connection, String model, List<Row> rows, List<float[]> vectors, List<float[]> views)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("UPDATE memory_chunks SET model = ?, embedding = ?, "
                        + "memory_embedding = ?, title_embedding = ? WHERE id = ? AND model = ?")) {
            int view = 0;
            for (int i = 0; i < rows.size(); i++) {
                boolean first = rows.get(i).ordinal() == 0;
                statement.setString(1, model);
                statement.setObject(2, Vectors.parameter(vectors.get(i)));
                statement.setObject(3, Vectors.parameter(first ? views.get(view) : null));
                statement.setObject(4, Vectors.parameter(first ? views.get(view + 1) : null));
                statement.setObject(5, rows.get(i).id());
                statement.setString(6, rows.get(i).model());
                statement.addBatch();
                view += first ? 2 : 0;
            }
            int changed = 0;
            for (int count : statement.executeBatch()) {
                changed += Math.max(count, 0);
            }
            return changed;
        }
    }
}
