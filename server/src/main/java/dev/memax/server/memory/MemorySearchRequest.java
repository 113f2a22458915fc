package dev.memax.server.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code GET /v1/memories/search} request, typed.
 *
 * @param tsquery   the words as a prefix tsquery ({@link #prefixQuery})
 * @param hubId     one hub to search (it must be readable), or null for every readable hub
 * @param activeHub the active hub ({@code X-Hub-ID}), whose matches come first; null for none
 */
public record MemorySearchRequest(String tsquery, UUID hubId, UUID topicId, int limit, UUID activeHub) {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** The query parameters as the client sent them, validated (one 422 names every invalid one). */
    public static MemorySearchRequest parse(String q, String hubId, String topicId, Integer limit, String activeHub) {
        MemoryFilter.Parser p = new MemoryFilter.Parser();
        String tsquery = null;
        if (MemoryFilter.Parser.blank(q)) {
            p.error("q", "is required");
        } else if (q.length() > MemoryLimits.SEARCH_QUERY) {
            p.error("q", "must be at most " + MemoryLimits.SEARCH_QUERY + " characters");
        } else {
            tsquery = prefixQuery(q);
            if (tsquery == null) {
                p.error("q", "must hold a word (letters or digits)");
            }
        }
        int n = limit == null ? MemoryLimits.SEARCH_DEFAULT : limit;
        if (n < 1 || n > MemoryLimits.SEARCH_MAX) {
            p.error("limit", "must be between 1 and " + MemoryLimits.SEARCH_MAX);
        }
        UUID hub = p.uuid(hubId, "hub_id");
        UUID topic = p.uuid(topicId, "topic_id");
        p.throwIfAny();
        UUID active = null;
        if (!MemoryFilter.Parser.blank(activeHub)) {
            try {
                active = UUID.fromString(activeHub.trim());
            } catch (IllegalArgumentException e) {
                // a hint, never an error: an unreadable X-Hub-ID ranks nothing first
            }
        }
        return new MemorySearchRequest(tsquery, hub, topic, n, active);
    }

    /**
     * The words of a search as a tsquery: AND-ed, the last one a prefix; only letters and digits
     * survive, so nothing the user types is tsquery syntax. Null when no word is left.
     */
    static String prefixQuery(String q) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(q);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            out.append(i == 0 ? "" : " & ").append(words.get(i)).append(i == words.size() - 1 ? ":*" : "");
        }
        return out.toString();
    }
}
