package dev.memax.server.memory;

import dev.memax.server.agent.AgentSlugs;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Now;
import java.util.List;
import java.util.UUID;

/**
 * A {@code GET /v1/memories} (or MCP {@code list}) request, typed: what the service lists.
 *
 * @param hubId  one hub to list (it must be readable), or null for every readable hub
 * @param filter the filters; its {@code hubIds} are resolved by the service
 * @param actor  {@code human} (memories written without an agent) or an agent's slug; null for anyone
 */
public record MemoryListRequest(UUID hubId, MemoryFilter filter, MemorySort sort, String actor) {

    /**
     * The query parameters as the client sent them, validated: one {@code 422 validation_failed}
     * names every invalid one. {@code state} absent lists every state.
     */
    public static MemoryListRequest parse(
            String hubId,
            String kind,
            String topicId,
            List<String> tags,
            String source,
            String state,
            String pinned,
            String createdAfter,
            String createdBefore,
            String includeExpired,
            String sort,
            String actor) {
        MemoryFilter.Parser p = new MemoryFilter.Parser();
        MemorySort order;
        try {
            order = MemorySort.parse(sort);
        } catch (ApiException e) {
            p.error("sort", "must be one of: newest, oldest, updated, relevant");
            order = MemorySort.NEWEST;
        }
        MemoryKind k = p.kind(kind, "kind");
        MemoryState s = p.state(state, "state");
        UUID topic = p.uuid(topicId, "topic_id");
        UUID hub = p.uuid(hubId, "hub_id");
        Boolean pin = p.bool(pinned, "pinned");
        Boolean expired = p.bool(includeExpired, "include_expired");
        java.time.Instant after = p.time(createdAfter, "created_after");
        java.time.Instant before = p.time(createdBefore, "created_before");
        String who = null;
        if (!MemoryFilter.Parser.blank(actor)) {
            String wanted = actor.strip();
            who = wanted.equals(MemoryQuery.HUMAN) ? MemoryQuery.HUMAN : AgentSlugs.of(wanted);
            if (who == null || wanted.length() > AgentSlugs.MAX) {
                p.error(
                        "actor",
                        "must be human or an agent's name (1-" + AgentSlugs.MAX
                                + " characters, with a letter or digit)");
            }
        }
        List<String> tagList = p.commaWords(tags);
        p.throwIfAny();
        List<String> sources = MemoryFilter.Parser.blank(source) ? null : List.of(source.strip());
        MemoryFilter filter = new MemoryFilter(
                List.of(),
                s == null ? null : List.of(s),
                Boolean.TRUE.equals(expired),
                Now.instant(),
                k,
                tagList,
                topic,
                sources,
                pin,
                after,
                before);
        return new MemoryListRequest(hub, filter, order, who);
    }
}
