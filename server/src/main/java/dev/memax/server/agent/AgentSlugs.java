package dev.memax.server.agent;

import java.util.Locale;

/**
 * An agent's slug, the same as the database's {@code memax_agent_slug} (migration V13): the name
 * lower-cased, every run of characters other than a-z and 0-9 one {@code -}, no {@code -} at
 * either end; null when nothing is left.
 */
public final class AgentSlugs {
    public static final int MAX = 100;

    private AgentSlugs() {}

    public static String of(String name) {
        if (name == null) {
            return null;
        }
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug;
    }
}
