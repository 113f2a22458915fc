package dev.memax.server.ratelimit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * THE table of which bucket each route draws from (docs/architecture.md §5.8). The first matching row
 * wins; a path no row matches is not limited. Every row names routes the server has (a test
 * checks it against the router): a new route that must not be {@code regular} brings its row.
 *
 * <p>An override row also caps the route on its own: {@code POST /v1/ask} counts against the
 * {@code heavy} bucket and against an {@code ask} bucket of at most 30 a minute (or the plan's
 * heavy cap, whichever is lower), because each ask costs an LLM call.
 */
public final class RouteLimits {

    /**
     * One row: method ({@code *} for any), path pattern ({@code *} one segment, {@code /**} the
     * path itself and anything below it).
     */
    record Row(String method, Pattern path, BucketClass bucket, Override override, boolean probe) {
        boolean matches(String requestMethod, String requestPath) {
            return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
                    && path.matcher(requestPath).matches();
        }
    }

    /** A route's own bucket on top of its class bucket. */
    public record Override(String name, int perMinute) {}

    /**
     * What a request draws from.
     *
     * @param probe a health probe: never refused because Redis fails (fail-closed would
     *              otherwise make orchestrators restart every instance during a Redis outage)
     */
    public record RouteLimit(BucketClass bucket, Override override, boolean probe) {}

    static final List<Row> ROWS = List.of(
            // heavy: writes that embed, searches, LLM calls
            row("POST", "/v1/memories", BucketClass.HEAVY),
            row("POST", "/v1/memories/batch", BucketClass.HEAVY),
            // A share is a push of a copy: embedded like any new memory.
            row("POST", "/v1/memories/*/share", BucketClass.HEAVY),
            row("POST", "/v1/recall", BucketClass.HEAVY),
            row("POST", "/v1/ask", BucketClass.HEAVY, new Override("ask", 30)),
            // A dream reads and may rewrite a whole hub (its own cool-down caps it further).
            row("POST", "/v1/dreams/trigger", BucketClass.HEAVY),
            // light: cheap reads clients poll
            row("GET", "/v1/auth/me", BucketClass.LIGHT),
            row("GET", "/v1/plans", BucketClass.LIGHT),
            // Fired on every topic page mount: one upserted row, nothing a client could use to load the server.
            row("POST", "/v1/topics/*/visit", BucketClass.LIGHT),
            probe("/health/**"),
            // Public, static or nearly so, and fetched by tools and scrapers: light, per IP.
            row("*", "/metrics", BucketClass.LIGHT),
            row("*", "/docs/**", BucketClass.LIGHT),
            row("*", "/v1/openapi.yaml", BucketClass.LIGHT),
            row("*", "/.well-known/**", BucketClass.LIGHT),
            // OAuth: a registration writes a row and needs no credentials (heavy: 10 a minute per IP by default).
            row("POST", "/oauth/register", BucketClass.HEAVY),
            row("*", "/oauth/**", BucketClass.REGULAR),
            // regular: everything else of the API, GET /v1/memories/search included: one indexed
            // full-text query, no embedding, typed as the user types (a heavy bucket would stop
            // that). Not /mcp: the MCP layer charges each message itself (a tools/call as the
            // REST route it stands for, anything else as regular).
            row("*", "/v1/**", BucketClass.REGULAR));

    /** What an MCP message other than a tool call draws from. */
    public static final RouteLimit MCP_MESSAGE = new RouteLimit(BucketClass.REGULAR, null, false);

    private RouteLimits() {}

    /** The bucket(s) of a request, or empty when the path is not limited. */
    public static Optional<RouteLimit> of(String method, String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Row row : ROWS) {
            if (row.matches(method, normalized)) {
                return Optional.of(new RouteLimit(row.bucket(), row.override(), row.probe()));
            }
        }
        return Optional.empty();
    }

    private static Row row(String method, String path, BucketClass bucket) {
        return row(method, path, bucket, null);
    }

    private static Row probe(String path) {
        return new Row("*", pattern(path), BucketClass.LIGHT, null, true);
    }

    private static Row row(String method, String path, BucketClass bucket, Override override) {
        return new Row(method, pattern(path), bucket, override, false);
    }

    private static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            regex.append(
                    switch (segment) {
                        case "**" -> "(/.*)?";
                        case "*" -> "/[^/]+";
                        default -> "/" + Pattern.quote(segment);
                    });
        }
        return Pattern.compile(regex.toString());
    }
}
