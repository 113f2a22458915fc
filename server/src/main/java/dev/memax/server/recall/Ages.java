package dev.memax.server.recall;

import java.time.Duration;
import java.time.Instant;

/** How long ago, for people and agents: "just now", "5 minutes ago", "3 days ago", "2 years ago". */
public final class Ages {
    private Ages() {}

    public static String since(Instant then, Instant now) {
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < 60) {
            return "just now";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return plural(hours, "hour");
        }
        long days = hours / 24;
        if (days < 7) {
            return plural(days, "day");
        }
        if (days < 30) {
            return plural(days / 7, "week");
        }
        if (days < 365) {
            return plural(Math.max(1, days / 30), "month");
        }
        return plural(days / 365, "year");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s") + " ago";
    }
}
