package dev.memax.server.platform;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated values as settings and query parameters write them: {@code "a, b,,c"} → [a, b, c]. */
public final class CommaList {
    private CommaList() {}

    /** The non-blank items, stripped, in order; empty for null. */
    public static List<String> items(String commaSeparated) {
        List<String> items = new ArrayList<>();
        if (commaSeparated != null) {
            for (String item : commaSeparated.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
