package dev.memax.server.mcp;

import java.util.List;

/** The MCP protocol versions this server speaks (docs/architecture.md §5.10). */
final class McpVersions {
    /** The stateless revision: no initialize, no session, the version in every request's {@code _meta}. */
    static final String STATELESS = "2026-07-28";
    /** The handshake family (initialize, sessions), newest first. */
    static final List<String> HANDSHAKE = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** Every version, newest first, as {@code server/discover} and version errors list them. */
    static final List<String> ALL = List.of(STATELESS, "2025-11-25", "2025-06-18", "2025-03-26");
    /** What a request without {@code MCP-Protocol-Version} speaks (that version had no such header). */
    static final String WITHOUT_HEADER = "2025-03-26";
    /** The only version that allows JSON-RPC batches. */
    static final String WITH_BATCHES = "2025-03-26";

    private McpVersions() {}

    static boolean supported(String version) {
        return ALL.contains(version);
    }

    /** initialize: the client's version when it is one of ours, else the newest handshake version. */
    static String negotiate(String requested) {
        return HANDSHAKE.contains(requested) ? requested : HANDSHAKE.get(0);
    }
}
