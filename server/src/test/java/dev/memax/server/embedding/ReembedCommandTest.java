package dev.memax.server.embedding;

import static dev.memax.server.embedding.OnnxEmbeddingProviderTest.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.auth.AdminCommands;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code reembed} moves chunks written by an old model onto the active one, per hub or all, resumably. */
class ReembedCommandTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String ACTIVE = "bge-small-en-v1.5-q";
    private static TestUser ada;
    private static TestUser bob;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCommands.run(
                args,
                SERVER.serverProperties(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void seed() {
        ada = SERVER.server().createUser("ada@example.com");
        bob = SERVER.server().createUser("bob@example.com");
        seed(ada, 50, "old-model");
        seed(bob, 10, "older-model");
    }

    /** {@code memories} memories of three chunks each, with 3-dimensional vectors of another model. */
    private static void seed(TestUser user, int memories, String model) {
        SERVER.database()
                .execute(
                        "INSERT INTO memories (id, hub_id, owner_id, title, content, content_hash, created_at, updated_at)"
                                + " SELECT gen_random_uuid(), '" + user.personalHubId() + "', '" + user.id()
                                + "', 'Title ' || g,"
                                + " 'memory ' || g, md5(g::text), now(), now() FROM generate_series(1, " + memories
                                + ") g");
        SERVER.database()
                .execute(
                        "INSERT INTO memory_chunks (id, memory_id, hub_id, ordinal, heading_chain, content, model, embedding)"
                                + " SELECT gen_random_uuid(), m.id, m.hub_id, o, CASE WHEN o = 2 THEN '{}'::text[] ELSE ARRAY['Guide', 'Part ' || o] END,"
                                + " 'chunk ' || o || ' of ' || m.content || ' about volcanoes', '" + model
                                + "', '[1,2,3]'"
                                + " FROM memories m, generate_series(0, 2) o WHERE m.hub_id = '" + user.personalHubId()
                                + "'");
    }

    private static long onModel(TestUser user, String model) {
        return SERVER.database()
                .queryLong("SELECT count(*) FROM memory_chunks WHERE hub_id = '" + user.personalHubId()
                        + "' AND model = '" + model + "'");
    }

    @Test
    void reembedsOneHubInCommittedBatchesWithProgressThenResumesAndDoesAll() throws Exception {
        Run first = run("reembed", "--hub", ada.personalHubId().toString(), "--batch", "64");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out())
                .contains("reembed: 150 chunks of hub " + ada.personalHubId() + " to re-embed with " + ACTIVE);
        List<String> progress = first.out()
                .lines()
                .filter(l -> l.matches("reembed: \\d+/150 chunks \\(\\d+%\\) \\d+ chunks/s"))
                .toList();
        assertThat(progress).hasSize(3); // 64 + 64 + 22
        assertThat(progress.get(0)).startsWith("reembed: 64/150 chunks (42%)");
        assertThat(progress.get(2)).startsWith("reembed: 150/150 chunks (100%)");
        assertThat(first.out())
                .containsPattern("reembed: done, 150 chunks re-embedded with " + ACTIVE + " in [0-9.]+ s");
        assertThat(onModel(ada, ACTIVE)).isEqualTo(150);
        assertThat(onModel(bob, "older-model")).isEqualTo(30); // other hubs untouched
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memory_chunks WHERE model = '" + ACTIVE
                                + "' AND vector_dims(embedding) = 384"))
                .isEqualTo(150);
        assertVectorsAreRecomputed(ada);
        // The memory-level views are rebuilt on each memory's first chunk: the whole memory and the title.
        assertThat(
                        SERVER.database()
                                .queryLong(
                                        "SELECT count(*) FROM memory_chunks WHERE hub_id = '" + ada.personalHubId()
                                                + "' AND ordinal = 0 AND vector_dims(memory_embedding) = 384 AND vector_dims(title_embedding) = 384"))
                .isEqualTo(50);
        assertThat(
                        SERVER.database()
                                .queryLong(
                                        "SELECT count(*) FROM memory_chunks WHERE hub_id = '" + ada.personalHubId()
                                                + "' AND ordinal > 0 AND (memory_embedding IS NOT NULL OR title_embedding IS NOT NULL)"))
                .isZero();
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memory_chunks c JOIN memories m ON m.id = c.memory_id"
                                + " WHERE m.title = 'Title 7' AND c.ordinal = 0 AND (c.memory_embedding <=> '"
                                + literal("Title 7\n\nmemory 7")
                                + "') < 0.0001 AND (c.title_embedding <=> '" + literal("Title 7") + "') < 0.0001"))
                .isEqualTo(1);

        Run again = run("reembed", "--hub", ada.personalHubId().toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("reembed: 0 chunks").contains("done, 0 chunks re-embedded");

        Run all = run("reembed", "--all", "--batch=7");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("reembed: 30 chunks of all hubs").contains("reembed: 30/30 chunks (100%)");
        assertThat(onModel(bob, ACTIVE)).isEqualTo(30);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM memory_chunks WHERE model <> '" + ACTIVE + "'"))
                .isZero();
    }

    /** Each vector equals a fresh embedding of the chunk's text as a write would build it (title on the first chunk, headings). */
    private static void assertVectorsAreRecomputed(TestUser user) throws Exception {
        EmbeddingProvider provider = SERVER.server().bean(EmbeddingProvider.class);
        try (Connection connection = DriverManager.getConnection(
                        SERVER.database().jdbcUrl(),
                        (String) SERVER.serverProperties().get("datasources.default.username"),
                        (String) SERVER.serverProperties().get("datasources.default.password"));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT m.title, c.heading_chain, c.ordinal, c.content, c.embedding::text"
                                + " FROM memory_chunks c JOIN memories m ON m.id = c.memory_id WHERE c.hub_id = '"
                                + user.personalHubId()
                                + "' ORDER BY m.title, c.ordinal LIMIT 6")) {
            List<String> texts = new ArrayList<>();
            List<float[]> stored = new ArrayList<>();
            while (rs.next()) {
                texts.add(ChunkText.DEFAULT.embedText(
                        rs.getString(1),
                        Arrays.asList((String[]) rs.getArray(2).getArray()),
                        rs.getInt(3),
                        rs.getString(4)));
                stored.add(parse(rs.getString(5)));
            }
            assertThat(texts.get(0)).startsWith("Title 1\nGuide > Part 0\n\nchunk 0 of memory 1");
            assertThat(texts.get(1)).startsWith("Guide > Part 1\n\nchunk 1");
            assertThat(texts.get(2)).startsWith("chunk 2");
            List<float[]> fresh = provider.embedDocuments(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(stored.get(i), fresh.get(i))).as(texts.get(i)).isGreaterThan(0.9999);
            }
        }
    }

    /** pgvector's text form of a fresh embedding of {@code text}. */
    private static String literal(String text) {
        return java.util.Arrays.toString(SERVER.server()
                        .bean(EmbeddingProvider.class)
                        .embedDocuments(List.of(text))
                        .get(0))
                .replace(" ", "");
    }

    private static float[] parse(String vector) {
        String[] parts = vector.substring(1, vector.length() - 1).split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    @Test
    void argumentsAreChecked() {
        Run neither = run("reembed");
        assertThat(neither.exit()).isEqualTo(AdminCommands.FAILED);
        assertThat(neither.err()).contains("give either --hub ID|SLUG or --all");
        Run both = run("reembed", "--all", "--hub", UUID.randomUUID().toString());
        assertThat(both.exit()).isEqualTo(AdminCommands.FAILED);
        Run unknownHub = run("reembed", "--hub", "no-such-hub");
        assertThat(unknownHub.exit()).isEqualTo(AdminCommands.FAILED);
        assertThat(unknownHub.err()).contains("no hub 'no-such-hub'");
        Run badBatch = run("reembed", "--all", "--batch", "lots");
        assertThat(badBatch.exit()).isEqualTo(AdminCommands.FAILED);
        assertThat(badBatch.err()).contains("--batch must be a number");
        Run help = run("help");
        assertThat(help.out()).contains("reembed (--hub ID|SLUG | --all) [--batch 64]");
    }
}
