package dev.memax.server.mcp;

/** The two MCP endpoints (docs/architecture.md §5.10): each lists only its own tools. */
public enum McpEndpoint {
    /** {@code /mcp}: the {@code memax_*} tools for Claude, Codex, Cursor and other agents. */
    MEMAX("/mcp"),
    /** {@code /mcp/chatgpt}: {@code search}/{@code fetch} for ChatGPT connectors and deep research, plus Memax's ChatGPT names. */
    CHATGPT("/mcp/chatgpt");

    private final String path;

    McpEndpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
