package dev.memax.server.mcp.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.mcp.McpEndpoint;
import dev.memax.server.mcp.McpTool;

/**
 * What every tool shares: its listing (name, title, description, schemas, hints, route). One
 * implementation may be listed on both endpoints under different names ({@code memax_recall} and
 * ChatGPT's {@code search_memories}), so the listing is given to it by {@link McpTools}.
 */
abstract class Tool implements McpTool {
    private final Listing listing;
    private final Annotations annotations;
    private final String restRoute;
    private final ObjectNode inputSchema;
    private final ObjectNode outputSchema;

    /** Where and how a tool is listed; the description is written for a model. */
    record Listing(McpEndpoint endpoint, String name, String title, String description) {}

    Tool(Listing listing, Annotations annotations, String restRoute, ObjectNode inputSchema, ObjectNode outputSchema) {
        this.listing = listing;
        this.annotations = annotations;
        this.restRoute = restRoute;
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
    }

    @Override
    public McpEndpoint endpoint() {
        return listing.endpoint();
    }

    @Override
    public String name() {
        return listing.name();
    }

    @Override
    public String title() {
        return listing.title();
    }

    @Override
    public String description() {
        return listing.description();
    }

    /** A copy: callers may add to it (e.g. {@code $schema}) without changing the tool. */
    @Override
    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    @Override
    public ObjectNode outputSchema() {
        return outputSchema.deepCopy();
    }

    @Override
    public Annotations annotations() {
        return annotations;
    }

    @Override
    public String restRoute() {
        return restRoute;
    }

    /** Reads that change nothing. */
    static Annotations readOnly() {
        return new Annotations(true, false, true);
    }

    @Override
    public String toString() {
        return endpoint().path() + " " + name();
    }
}
