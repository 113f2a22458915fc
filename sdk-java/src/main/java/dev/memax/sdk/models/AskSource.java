package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A memory (chunk) an answer was built from, as recall ranked it. Fields the server did not
 * send are null; {@link #raw()} holds the whole object, including fields this SDK version does
 * not know.
 *
 * @param index          the number the answer cites it by ({@code [index]}); null from servers that do not number sources
 * @param id             the memory ({@code id}, or {@code memory_id})
 * @param title          its title
 * @param summary        its summary
 * @param chunkContent   the text of the matching chunk
 * @param headingChain   the Markdown headings above that chunk
 * @param relevanceScore how well it matched, 0-1
 * @param kind           {@code episodic}, {@code semantic}, {@code procedural} or {@code rationale}
 * @param stability      {@code volatile}, {@code evolving} or {@code stable}
 * @param source         where the memory came from
 * @param hubId          its hub
 * @param topicId        its topic
 * @param createdAt      when it was created
 * @param age            {@code createdAt} for people, e.g. "3 days ago"
 * @param raw            the source object as received
 */
public record AskSource(
        Integer index,
        UUID id,
        String title,
        String summary,
        String chunkContent,
        List<String> headingChain,
        Double relevanceScore,
        String kind,
        String stability,
        String source,
        UUID hubId,
        UUID topicId,
        Instant createdAt,
        String age,
        JsonNode raw) {
    public AskSource {
        headingChain = headingChain == null ? List.of() : List.copyOf(headingChain);
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    /** Reads a source object leniently: a missing or oddly shaped field is null, never an error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AskSource fromJson(JsonNode node) {
        UUID id = JsonFields.uuid(node, "id");
        return new AskSource(
                JsonFields.intValue(node, "index"),
                id != null ? id : JsonFields.uuid(node, "memory_id"),
                JsonFields.text(node, "title"),
                JsonFields.text(node, "summary"),
                JsonFields.text(node, "chunk_content"),
                headings(node),
                JsonFields.doubleValue(node, "relevance_score"),
                JsonFields.text(node, "kind"),
                JsonFields.text(node, "stability"),
                JsonFields.text(node, "source"),
                JsonFields.uuid(node, "hub_id"),
                JsonFields.uuid(node, "topic_id"),
                JsonFields.instant(node, "created_at"),
                JsonFields.text(node, "age"),
                node);
    }

    /**
     * {@code headings} (servers from 0.3), else {@code heading_chain}: an array from older servers,
     * a {@code " > "}-joined string from Memax's.
     */
    private static List<String> headings(JsonNode node) {
        if (node.path("headings").isArray()) {
            return JsonFields.strings(node, "headings");
        }
        JsonNode chain = node.path("heading_chain");
        if (chain.isTextual()) {
            return chain.asText().isEmpty() ? List.of() : List.of(chain.asText().split(" > "));
        }
        return JsonFields.strings(node, "heading_chain");
    }
}
