package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limits of docs/architecture.md §5.1 and §5.5: each answered with its code, at the limit accepted, and nothing stored when refused. */
class LimitsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    private long memories() {
        return api.count("SELECT count(*) FROM memories WHERE owner_id = '" + ada.id() + "'");
    }

    private void refused(String body, int status, String code, String field) {
        long before = memories();
        Http.Result result = api.post(ada, "/v1/memories", body);
        assertError(result, status, code);
        if (field != null) {
            assertThat(result.json().at("/error/details/fields").has(field))
                    .as(result.toString())
                    .isTrue();
        }
        assertThat(memories()).isEqualTo(before);
    }

    @Test
    void contentOverOneMegabyteIs413() {
        refused(json("content", "x".repeat(MemoryLimits.CONTENT_BYTES + 1)), 413, "payload_too_large", "content");
        // Counted in UTF-8 bytes: 350 000 three-byte characters are over 1 MB.
        refused(json("content", "€".repeat(350_000)), 413, "payload_too_large", "content");
    }

    @Test
    void longContentIsChunkedWithinTheModelsTokenLimit() {
        StringBuilder content = new StringBuilder("# Handbook\n\n");
        for (int section = 0; section < 12; section++) {
            content.append("## Section ").append(section).append("\n\n");
            for (int paragraph = 0; paragraph < 6; paragraph++) {
                content.append("Paragraph ")
                        .append(paragraph)
                        .append(" of section ")
                        .append(section)
                        .append(". ")
                        .append("The deploy pipeline runs the tests, builds the image and rolls it out gradually. "
                                .repeat(12))
                        .append("\n\n");
            }
        }
        content.append("x".repeat(5000)); // one unbreakable "word"
        Http.Result result = api.post(ada, "/v1/memories", json("title", "Handbook", "content", content.toString()));
        assertThat(result.status()).isEqualTo(201);
        String id = result.json().at("/data/id").asText();
        EmbeddingProvider provider = SERVER.server().bean(EmbeddingProvider.class);
        List<String> chunks = new ArrayList<>();
        List<String> chains = new ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection(
                        SERVER.database().jdbcUrl(),
                        SERVER.serverProperties()
                                .get("datasources.default.username")
                                .toString(),
                        SERVER.serverProperties()
                                .get("datasources.default.password")
                                .toString());
                var rs = connection
                        .createStatement()
                        .executeQuery("SELECT content, array_to_string(heading_chain, '/') "
                                + "FROM memory_chunks WHERE memory_id = '" + id + "' ORDER BY ordinal")) {
            while (rs.next()) {
                chunks.add(rs.getString(1));
                chains.add(rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(chunks.size()).isGreaterThan(24);
        assertThat(chunks)
                .allSatisfy(c -> assertThat(provider.countTokens(c)).isLessThanOrEqualTo(provider.maxTokens()));
        assertThat(chains.get(0)).isEqualTo("Handbook/Section 0");
        assertThat(chains.get(chains.size() - 1)).isEqualTo("Handbook/Section 11");
        assertThat(String.join("", chunks).replaceAll("\\s", ""))
                .as("every character of the sections is in some chunk")
                .isEqualTo(content.toString().replaceAll("#+ [^\n]*\n", "").replaceAll("\\s", ""));
    }

    @Test
    void aBodyOverThreeMegabytesIs413() {
        refused(json("content", "x", "summary", "y".repeat(3 * 1024 * 1024 + 10)), 413, "payload_too_large", null);
    }

    @Test
    void fieldLimitsAre422() {
        refused(
                json("content", "x", "title", "t".repeat(MemoryLimits.TITLE_CHARS + 1)),
                422,
                "validation_failed",
                "title");
        refused(
                json("content", "x", "summary", "s".repeat(MemoryLimits.SUMMARY_CHARS + 1)),
                422,
                "validation_failed",
                "summary");
        List<String> tags = new ArrayList<>();
        for (int i = 0; i <= MemoryLimits.TAGS; i++) {
            tags.add("tag" + i);
        }
        refused(json("content", "x", "tags", tags), 422, "validation_failed", "tags");
        refused(
                json("content", "x", "tags", List.of("ok", "t".repeat(MemoryLimits.TAG_CHARS + 1))),
                422,
                "validation_failed",
                "tags[1]");
        refused(json("content", "x", "tags", List.of(" ")), 422, "validation_failed", "tags[0]");
        refused(
                json("content", "x", "metadata", Map.of("blob", "m".repeat(MemoryLimits.METADATA_BYTES))),
                422,
                "validation_failed",
                "metadata");
        refused(
                json("content", "x", "source", "s".repeat(MemoryLimits.SHORT_TEXT_CHARS + 1)),
                422,
                "validation_failed",
                "source");
        refused(
                json("content", "x", "source_path", "p".repeat(MemoryLimits.SOURCE_PATH_CHARS + 1)),
                422,
                "validation_failed",
                "source_path");
        refused(
                json("content", "x", "event_dates", Collections.nCopies(MemoryLimits.EVENT_DATES + 1, "2026-01-01")),
                422,
                "validation_failed",
                "event_dates");
        refused(json("content", "x", "expires_in", "0d"), 422, "validation_failed", "expires_in");
        refused(json("content", "x", "expires_in", "3651d"), 422, "validation_failed", "expires_in");
        refused(json("content", "x", "expires_at", "2020-01-01T00:00:00Z"), 422, "validation_failed", "expires_at");
        refused(
                json("content", "x", "expires_at", "2099-01-01T00:00:00Z", "expires_in", "1d"),
                422,
                "validation_failed",
                "expires_in");
    }

    @Test
    void everyInvalidFieldIsNamedInOneAnswer() {
        Http.Result result = api.post(
                ada,
                "/v1/memories",
                json("content", "x", "title", "t".repeat(501), "summary", "s".repeat(2001), "expires_in", "soon"));
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").size()).isEqualTo(3);
    }

    @Test
    void valuesAtTheLimitsAreAccepted() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < MemoryLimits.TAGS; i++) {
            tags.add(("t" + i + "-").repeat(30).substring(0, MemoryLimits.TAG_CHARS));
        }
        String metadataValue = "m".repeat(MemoryLimits.METADATA_BYTES - "{\"blob\":\"\"}".length());
        Http.Result result = api.post(
                ada,
                "/v1/memories",
                json(
                        "content",
                        "x",
                        "title",
                        "t".repeat(MemoryLimits.TITLE_CHARS),
                        "summary",
                        "s".repeat(MemoryLimits.SUMMARY_CHARS),
                        "tags",
                        tags,
                        "metadata",
                        Map.of("blob", metadataValue),
                        "expires_in",
                        "3650d"));
        assertThat(result.status()).as(result.toString().substring(0, 300)).isEqualTo(201);
        assertThat(result.json().at("/data/tags").size()).isEqualTo(MemoryLimits.TAGS);
    }
}
