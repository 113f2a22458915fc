package dev.memax.server.identity;

import dev.memax.server.platform.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a credential may do: read, write, or both (docs/architecture.md §5.2). */
public enum Scope {
    READ("memax:read"),
    WRITE("memax:write");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    /** Accepts {@code memax:read}/{@code memax:write} and the short forms {@code read}/{@code write}. */
    public static Scope parse(String value) {
        return switch (value) {
            case "memax:read", "read" -> READ;
            case "memax:write", "write" -> WRITE;
            default ->
                throw ApiException.invalidField("scopes", "unknown scope '" + value + "' (memax:read, memax:write)");
        };
    }

    /** Scopes space-separated as a token's claim and OAuth write them ({@code memax:read memax:write}). */
    public static String wire(Set<Scope> scopes) {
        return String.join(" ", scopes.stream().sorted().map(Scope::toString).toList());
    }

    /** Parses an OAuth scope string (space-separated); blank means none. */
    public static Set<Scope> parseWire(String value) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : value.trim().split(" +")) {
            if (!scope.isEmpty()) {
                scopes.add(parse(scope));
            }
        }
        return scopes;
    }

    /** Parses a requested scope list; null or empty means both. */
    public static Set<Scope> parseAll(List<String> values) {
        if (values == null || values.isEmpty()) {
            return EnumSet.allOf(Scope.class);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        values.forEach(v -> scopes.add(parse(v)));
        return scopes;
    }
}
