package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.timestamp;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.dream.DreamRequests;
import dev.memax.server.dream.DreamRun;
import dev.memax.server.dream.DreamService;
import dev.memax.server.dream.DreamStatus;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.platform.Names;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * {@code memax_dream}: {@code POST /v1/dreams/trigger}, a hub's dream started in the background. Not
 * read-only (it changes memories), not destructive (every action can be undone), not idempotent (a second
 * call is refused while the first runs, and later starts another run).
 */
final class DreamTool extends Tool {
    private final DreamService dreams;
    private final Arguments arguments;
    private final Views views;

    @Introspected
    record DreamArguments(String hubId, List<String> phases, Boolean dryRun) {}

    DreamTool(Listing listing, DreamService dreams, List<String> phases, Arguments arguments, Views views) {
        super(listing, new Annotations(false, false, false), "POST /v1/dreams/trigger", input(phases), output());
        this.dreams = dreams;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input(List<String> phases) {
        return Schema.object("Which hub, and how.")
                .prop("hub_id", uuid("The hub's id (from memax_hubs); the personal hub when absent."))
                .prop(
                        "phases",
                        array(
                                "Only these phases, run in their fixed order (all when absent).",
                                enumeration(null, phases)))
                .prop("dry_run", bool("Report what would change and change nothing (default false)."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("The run, started.")
                .required(
                        "run",
                        Schema.object(null)
                                .required("id", uuid("The run's id: GET /v1/dreams/{id} shows its actions."))
                                .required("hub_id", uuid(null))
                                .required("status", enumeration(null, Names.wire(DreamStatus.values())))
                                .required("dry_run", bool(null))
                                .required("phases", array("The phases it runs, in order.", string(null)))
                                .required("started_at", timestamp(null))
                                .closed()
                                .build())
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        DreamArguments given = arguments.bind(args, DreamArguments.class);
        DreamRun run =
                dreams.trigger(caller, null, new DreamRequests.Trigger(given.hubId(), given.phases(), given.dryRun()));
        ObjectNode result = views.json().createObjectNode();
        ObjectNode summary = result.putObject("run");
        summary.put("id", run.id().toString());
        summary.put("hub_id", run.hubId().toString());
        summary.put("status", run.status().toString());
        summary.put("dry_run", run.dryRun());
        summary.set("phases", views.json().valueToTree(run.phases()));
        summary.set("started_at", views.json().valueToTree(run.startedAt()));
        return new McpToolResult(result);
    }
}
