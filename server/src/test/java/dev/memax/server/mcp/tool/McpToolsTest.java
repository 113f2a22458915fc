package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.McpEndpoint.CHATGPT;
import static dev.memax.server.mcp.McpEndpoint.MEMAX;
import static dev.memax.server.mcp.tool.ToolCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.mcp.McpEndpoint;
import dev.memax.server.mcp.McpTool;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP tools against the real server and its services, called as the protocol layer calls them:
 * with a caller authenticated from an API key made over HTTP. Every successful result is checked
 * against the tool's own outputSchema.
 */
class McpToolsTest {
    private static final int CAP = 1000;
    private static final String PUBLIC_URL = "https://memax.example.test";

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.mcp.tools.max-content-chars", CAP)
            .property("memax.public-url", PUBLIC_URL + "/")
            .property("memax.auth.signup-mode", "open");

    private static ToolCalls tools;
    private static ToolCalls.Account ada;
    private static ToolCalls.Account eve;

    @BeforeAll
    static void accounts() {
        tools = new ToolCalls(SERVER);
        ada = tools.account("ada", null);
        eve = tools.account("eve", null);
    }

    /** What each tool must list: endpoint, REST route, readOnly, destructive, idempotent. */
    private record Expected(
            McpEndpoint endpoint, String route, boolean readOnly, boolean destructive, boolean idempotent) {}

    @Test
    void eachEndpointListsItsToolsWithTheirRoutesAndTruthfulHints() {
        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put("memax_recall", new Expected(MEMAX, "POST /v1/recall", true, false, true));
        expected.put("memax_ask", new Expected(MEMAX, "POST /v1/ask", true, false, true));
        expected.put("memax_push", new Expected(MEMAX, "POST /v1/memories", false, false, false));
        expected.put("memax_get", new Expected(MEMAX, "GET /v1/memories/{id}", true, false, true));
        expected.put("memax_list", new Expected(MEMAX, "GET /v1/memories", true, false, true));
        expected.put("memax_update", new Expected(MEMAX, "PATCH /v1/memories/{id}", false, false, true));
        expected.put("memax_forget", new Expected(MEMAX, "DELETE /v1/memories/{id}", false, true, true));
        expected.put("memax_hubs", new Expected(MEMAX, "GET /v1/hubs", true, false, true));
        expected.put("memax_topics", new Expected(MEMAX, "GET /v1/topics", true, false, true));
        expected.put("memax_dream", new Expected(MEMAX, "POST /v1/dreams/trigger", false, false, false));
        expected.put("search", new Expected(CHATGPT, "POST /v1/recall", true, false, true));
        expected.put("fetch", new Expected(CHATGPT, "GET /v1/memories/{id}", true, false, true));
        expected.put("search_memories", new Expected(CHATGPT, "POST /v1/recall", true, false, true));
        expected.put("get_memory", new Expected(CHATGPT, "GET /v1/memories/{id}", true, false, true));
        expected.put("save_memory", new Expected(CHATGPT, "POST /v1/memories", false, false, false));
        expected.put("forget_memory", new Expected(CHATGPT, "DELETE /v1/memories/{id}", false, true, true));
        expected.put("list_hubs", new Expected(CHATGPT, "GET /v1/hubs", true, false, true));
        expected.put("list_hub_members", new Expected(CHATGPT, "GET /v1/hubs/{id}/members", true, false, true));

        Set<String> listed = new HashSet<>();
        for (McpTool tool : tools.all()) {
            listed.add(tool.name());
            Expected e = expected.get(tool.name());
            assertThat(e).as("unexpected tool " + tool).isNotNull();
            assertThat(tool.endpoint()).as(tool.name()).isEqualTo(e.endpoint());
            assertThat(tool.restRoute()).as(tool.name()).isEqualTo(e.route());
            assertThat(tool.annotations())
                    .as(tool.name())
                    .isEqualTo(new McpTool.Annotations(e.readOnly(), e.destructive(), e.idempotent()));
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(80);
            for (ObjectNode schema : List.of(tool.inputSchema(), tool.outputSchema())) {
                assertThat(schema.path("type").asText()).as(tool.name()).isEqualTo("object");
                assertThat(schema.path("properties").isObject()).as(tool.name()).isTrue();
            }
            // Every property an output schema lists is required: results always carry them (null when empty).
            ObjectNode output = tool.outputSchema();
            Set<String> required = new HashSet<>();
            output.path("required").forEach(n -> required.add(n.asText()));
            for (Iterator<String> names = output.path("properties").fieldNames(); names.hasNext(); ) {
                assertThat(required).as(tool.name()).contains(names.next());
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected.keySet());
        // A tool's schemas are its own: changing a copy changes nothing.
        tools.tool(MEMAX, "memax_recall").inputSchema().put("type", "string");
        assertThat(tools.tool(MEMAX, "memax_recall").inputSchema().path("type").asText())
                .isEqualTo("object");
    }

    @Test
    void aPushedMemoryIsRecalledReadUpdatedAndForgotten() {
        String content = "The staging database is rebuilt from a production snapshot every Sunday at 03:00 UTC. "
                + "Anything written to staging during the week is lost.";
        ObjectNode pushed = tools.memax(
                ada,
                "memax_push",
                json(
                        "content",
                        content,
                        "title",
                        "Staging rebuild",
                        "tags",
                        List.of("ops", "staging"),
                        "kind",
                        "semantic",
                        "source_agent",
                        "claude-code"));
        assertThat(pushed.path("created").asBoolean()).isTrue();
        JsonNode card = pushed.path("memory");
        String id = card.path("id").asText();
        assertThat(card.path("title").asText()).isEqualTo("Staging rebuild");
        assertThat(card.path("version").asInt()).isEqualTo(1);
        assertThat(card.path("content_length").asInt()).isEqualTo(content.length());
        assertThat(card.path("preview").asText()).startsWith("The staging database is rebuilt");
        assertThat(card.has("content")).as("a card carries no content").isFalse();

        ObjectNode recalled = tools.memax(ada, "memax_recall", json("query", "when is the staging database rebuilt?"));
        JsonNode best = recalled.path("memories").get(0);
        assertThat(best.path("id").asText()).isEqualTo(id);
        assertThat(best.path("chunk_content").asText()).contains("every Sunday at 03:00 UTC");
        assertThat(best.path("relevance_score").asDouble()).isGreaterThan(0);
        assertThat(best.path("age").asText()).isNotBlank();
        assertThat(best.path("title").asText()).isEqualTo("Staging rebuild");

        ObjectNode read = tools.memax(ada, "memax_get", json("id", id));
        assertThat(read.path("content").asText()).isEqualTo(content);
        assertThat(read.path("truncated").asBoolean()).isFalse();
        assertThat(read.path("tags").toString()).isEqualTo("[\"ops\",\"staging\"]");
        assertThat(read.path("source_agent").asText()).isEqualTo("claude-code");

        ObjectNode updated = tools.memax(
                ada,
                "memax_update",
                json("id", id, "title", "Staging is rebuilt weekly", "pinned", true, "summary", null));
        assertThat(updated.at("/memory/title").asText()).isEqualTo("Staging is rebuilt weekly");
        assertThat(updated.at("/memory/pinned").asBoolean()).isTrue();
        assertThat(updated.at("/memory/version").asInt()).isEqualTo(2);
        assertThat(tools.memax(ada, "memax_get", json("id", id)).path("title").asText())
                .isEqualTo("Staging is rebuilt weekly");
        // The same change again changes nothing more.
        assertThat(tools.memax(ada, "memax_update", json("id", id, "title", "Staging is rebuilt weekly"))
                        .at("/memory/version")
                        .asInt())
                .isEqualTo(2);

        ObjectNode forgotten = tools.memax(ada, "memax_forget", json("id", id));
        assertThat(forgotten.path("id").asText()).isEqualTo(id);
        assertThat(forgotten.path("deleted").asBoolean()).isTrue();
        assertCode(tools.fails(ada, MEMAX, "memax_get", json("id", id)), ErrorCode.NOT_FOUND);
        assertCode(tools.fails(ada, MEMAX, "memax_forget", json("id", id)), ErrorCode.NOT_FOUND);
        ObjectNode after = tools.memax(ada, "memax_recall", json("query", "when is the staging database rebuilt?"));
        assertThat(ids(after.path("memories"))).doesNotContain(id);
    }

    @Test
    void aPushWithASourcePathUpdatesThatMemoryInPlace() {
        ToolCalls.Account writer = tools.account("writer", null);
        String path = "docs/decisions/0007-queue.md";
        ObjectNode first = tools.memax(
                writer, "memax_push", json("content", "We use Redis streams for the job queue.", "source_path", path));
        String id = first.at("/memory/id").asText();
        assertThat(first.path("created").asBoolean()).isTrue();

        ObjectNode again = tools.memax(
                writer, "memax_push", json("content", "We use Redis streams for the job queue.", "source_path", path));
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.at("/memory/id").asText()).isEqualTo(id);
        assertThat(again.at("/memory/version").asInt()).isEqualTo(1);

        ObjectNode changed = tools.chatgpt(
                writer,
                "save_memory",
                json(
                        "content",
                        "We moved the job queue from Redis streams to PostgreSQL (db-scheduler).",
                        "source_path",
                        path));
        assertThat(changed.path("created").asBoolean()).isFalse();
        assertThat(changed.at("/memory/id").asText()).isEqualTo(id);
        assertThat(changed.at("/memory/version").asInt()).isEqualTo(2);
        assertThat(tools.memax(writer, "memax_get", json("id", id))
                        .path("content")
                        .asText())
                .contains("PostgreSQL");
        assertThat(tools.memax(writer, "memax_list", "{}").path("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void listPagesThroughTheCallersMemoriesNewestFirst() {
        ToolCalls.Account lister = tools.account("lister", null);
        List<String> pushed = new ArrayList<>();
        for (String fruit : List.of("apples", "pears", "plums")) {
            pushed.add(tools.memax(
                            lister,
                            "memax_push",
                            json("content", "The orchard grows " + fruit + ".", "tags", List.of("orchard")))
                    .at("/memory/id")
                    .asText());
        }
        ObjectNode first = tools.memax(lister, "memax_list", json("limit", 2));
        assertThat(ids(first.path("memories"))).containsExactly(pushed.get(2), pushed.get(1));
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("total").asLong()).isEqualTo(3);
        ObjectNode second = tools.memax(
                lister,
                "memax_list",
                json("limit", 2, "cursor", first.path("next_cursor").asText()));
        assertThat(ids(second.path("memories"))).containsExactly(pushed.get(0));
        assertThat(second.path("has_more").asBoolean()).isFalse();

        ObjectNode oldest =
                tools.memax(lister, "memax_list", json("sort", "oldest", "tags", List.of("orchard"), "limit", 1));
        assertThat(ids(oldest.path("memories"))).containsExactly(pushed.get(0));
        assertThat(tools.memax(lister, "memax_list", json("tags", List.of("vineyard")))
                        .path("total")
                        .asLong())
                .isZero();
        tools.memax(lister, "memax_update", json("id", pushed.get(1), "pinned", true));
        assertThat(ids(tools.memax(lister, "memax_list", json("pinned", true)).path("memories")))
                .containsExactly(pushed.get(1));
        assertThat(tools.memax(lister, "memax_list", json("pinned", false))
                        .path("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void hubToolsListThePersonalHubAndItsMembers() {
        ObjectNode hubs = tools.memax(ada, "memax_hubs", "{}");
        JsonNode personal = hubs.path("hubs").get(0);
        assertThat(hubs.path("hubs")).hasSize(1);
        assertThat(personal.path("hub_type").asText()).isEqualTo("personal");
        assertThat(personal.path("role").asText()).isEqualTo("owner");
        assertThat(tools.chatgpt(ada, "list_hubs", "{}")).isEqualTo(hubs);

        String hubId = personal.path("id").asText();
        ObjectNode members = tools.chatgpt(ada, "list_hub_members", json("hub_id", hubId));
        assertThat(members.path("members")).hasSize(1);
        assertThat(members.at("/members/0/email").asText()).isEqualTo(ada.email());
        assertThat(members.at("/members/0/role").asText()).isEqualTo("owner");
        assertThat(members.path("has_more").asBoolean()).isFalse();

        assertCode(tools.fails(eve, CHATGPT, "list_hub_members", json("hub_id", hubId)), ErrorCode.NOT_FOUND);
    }

    @Test
    void dreamStartsARunOfTheHubOnAPlanWithDreams() {
        ToolCalls.Account free = tools.account("sleepless", null);
        assertCode(tools.fails(free, MEMAX, "memax_dream", "{}"), ErrorCode.FEATURE_NOT_IN_PLAN);

        ToolCalls.Account dreamer = tools.account("dreamer", null);
        SERVER.database().execute("UPDATE users SET plan = 'pro' WHERE email = '" + dreamer.email() + "'");
        tools.memax(dreamer, "memax_push", json("content", "The office plants are watered on Mondays."));
        ObjectNode started = tools.memax(dreamer, "memax_dream", json("dry_run", true, "phases", List.of("merge")));
        assertThat(started.at("/run/dry_run").asBoolean()).isTrue();
        assertThat(started.at("/run/phases").toString()).isEqualTo("[\"merge\"]");
        assertThat(started.at("/run/status").asText()).isIn("running", "completed");
        // The same hub again at once: refused, as the REST route refuses it.
        ApiException again = tools.fails(dreamer, MEMAX, "memax_dream", "{}");
        assertThat(again.code()).isIn(ErrorCode.DREAM_RUNNING, ErrorCode.DREAM_COOLDOWN);
        assertCode(
                tools.fails(dreamer, MEMAX, "memax_dream", json("phases", List.of("daydream"))),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void topicsListTheTreeAsAnOutlineThatFiltersRecallAndList() {
        ToolCalls.Account owner = tools.account("topics", null);
        Http http = SERVER.http();
        String parent = http.postJson(
                        "/v1/topics", json("name", "Kitchen"), "Authorization", "Bearer " + owner.apiKey())
                .json()
                .at("/data/id")
                .asText();
        String child = http.postJson(
                        "/v1/topics",
                        json("name", "Kettles", "parent_id", parent),
                        "Authorization",
                        "Bearer " + owner.apiKey())
                .json()
                .at("/data/id")
                .asText();
        String id = tools.memax(owner, "memax_push", json("content", "The kettle is descaled monthly."))
                .at("/memory/id")
                .asText();
        tools.memax(owner, "memax_push", json("content", "The kettle lid squeaks and nobody filed it."));
        Http.Result placed = http.postJson(
                "/v1/topics/" + child + "/memories",
                json("memory_id", id),
                "Authorization",
                "Bearer " + owner.apiKey());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);

        ObjectNode outline = tools.memax(owner, "memax_topics", "{}");
        assertThat(outline.at("/topics/0/name").asText()).isEqualTo("Kitchen");
        assertThat(outline.at("/topics/0/depth").asInt()).isZero();
        assertThat(outline.at("/topics/0/total_memory_count").asInt()).isEqualTo(1);
        assertThat(outline.at("/topics/1/name").asText()).isEqualTo("Kettles");
        assertThat(outline.at("/topics/1/parent_id").asText()).isEqualTo(parent);
        assertThat(outline.at("/topics/1/depth").asInt()).isEqualTo(1);
        assertThat(outline.path("unassigned_count").asInt()).isEqualTo(1);

        ObjectNode recalled = tools.memax(owner, "memax_recall", json("query", "kettle", "topic_id", parent));
        assertThat(recalled.path("memories")).hasSize(1);
        ObjectNode listed = tools.memax(owner, "memax_list", json("topic_id", parent));
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertCode(
                tools.fails(
                        eve,
                        MEMAX,
                        "memax_topics",
                        json("hub_id", outline.at("/topics/0/id").asText())),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void aReadOnlyKeyReadsButEveryWriteIsForbidden() {
        ToolCalls.Account owner = tools.account("reader", null);
        String id = tools.memax(
                        owner, "memax_push", json("content", "Read-only keys can recall this note about " + "kettles."))
                .at("/memory/id")
                .asText();
        ToolCalls.Account readOnly = tools.key(owner, List.of("memax:read"));

        assertCode(
                tools.fails(readOnly, MEMAX, "memax_push", json("content", "Should not be saved.")),
                ErrorCode.FORBIDDEN);
        assertCode(
                tools.fails(readOnly, CHATGPT, "save_memory", json("content", "Should not be saved.")),
                ErrorCode.FORBIDDEN);
        assertCode(
                tools.fails(readOnly, MEMAX, "memax_update", json("id", id, "title", "Changed")), ErrorCode.FORBIDDEN);
        assertCode(tools.fails(readOnly, MEMAX, "memax_forget", json("id", id)), ErrorCode.FORBIDDEN);
        assertCode(tools.fails(readOnly, CHATGPT, "forget_memory", json("id", id)), ErrorCode.FORBIDDEN);

        assertThat(ids(tools.memax(readOnly, "memax_recall", json("query", "kettles"))
                        .path("memories")))
                .contains(id);
        assertThat(tools.memax(readOnly, "memax_get", json("id", id))
                        .path("title")
                        .asText())
                .isEmpty();
        ObjectNode list = tools.memax(owner, "memax_list", "{}");
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.at("/memories/0/version").asInt()).isEqualTo(1);
    }

    @Test
    void anotherTenantsMemoryIsNotFoundAndNeverShown() {
        String secret = "Ada's launch codename is HEDGEHOG-MAGENTA.";
        String id = tools.memax(ada, "memax_push", json("content", secret, "title", "Launch codename"))
                .at("/memory/id")
                .asText();

        for (String[] call : new String[][] {
            {"/mcp", "memax_get"},
            {"/mcp/chatgpt", "get_memory"},
            {"/mcp/chatgpt", "fetch"},
            {"/mcp", "memax_forget"},
            {"/mcp/chatgpt", "forget_memory"}
        }) {
            McpEndpoint endpoint = call[0].equals("/mcp") ? MEMAX : CHATGPT;
            ApiException error = tools.fails(eve, endpoint, call[1], json("id", id));
            assertCode(error, ErrorCode.NOT_FOUND);
            assertThat(error.getMessage() + error.details()).doesNotContain("HEDGEHOG");
        }
        assertCode(
                tools.fails(eve, MEMAX, "memax_update", json("id", id, "content", "Overwritten")), ErrorCode.NOT_FOUND);
        assertThat(tools.memax(eve, "memax_recall", json("query", "launch codename HEDGEHOG-MAGENTA"))
                        .toString())
                .doesNotContain(id)
                .doesNotContain("HEDGEHOG");
        assertThat(tools.chatgpt(eve, "search", json("query", "launch codename HEDGEHOG-MAGENTA"))
                        .toString())
                .doesNotContain(id);
        assertCode(
                tools.fails(
                        eve,
                        MEMAX,
                        "memax_list",
                        json(
                                "hub_id",
                                tools.memax(ada, "memax_hubs", "{}")
                                        .at("/hubs/0/id")
                                        .asText())),
                ErrorCode.NOT_FOUND);

        ObjectNode kept = tools.memax(ada, "memax_get", json("id", id));
        assertThat(kept.path("content").asText()).isEqualTo(secret);
        assertThat(kept.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void longContentIsCutAtTheCapAndTheResultSaysSo() {
        String content = "x".repeat(CAP - 1) + "\uD83D\uDE00" + "y".repeat(1500);
        String id = tools.memax(ada, "memax_push", json("content", content, "title", "Long"))
                .at("/memory/id")
                .asText();

        ObjectNode read = tools.memax(ada, "memax_get", json("id", id));
        // The cap falls inside the emoji: the cut keeps whole characters.
        assertThat(read.path("content").asText()).isEqualTo("x".repeat(CAP - 1));
        assertThat(read.path("truncated").asBoolean()).isTrue();
        assertThat(read.path("content_length").asInt()).isEqualTo(content.length());
        assertThat(tools.chatgpt(ada, "get_memory", json("id", id))).isEqualTo(read);

        ObjectNode fetched = tools.chatgpt(ada, "fetch", json("id", id));
        assertThat(fetched.path("text").asText())
                .startsWith("x".repeat(CAP - 1) + "\n\n[truncated")
                .doesNotContain("y");
        assertThat(fetched.at("/metadata/truncated").asBoolean()).isTrue();
        assertThat(fetched.at("/metadata/content_length").asInt()).isEqualTo(content.length());

        String exact = "z".repeat(CAP);
        String whole = tools.memax(ada, "memax_push", json("content", exact))
                .at("/memory/id")
                .asText();
        ObjectNode uncut = tools.memax(ada, "memax_get", json("id", whole));
        assertThat(uncut.path("content").asText()).isEqualTo(exact);
        assertThat(uncut.path("truncated").asBoolean()).isFalse();
        assertThat(tools.chatgpt(ada, "fetch", json("id", whole)).path("text").asText())
                .isEqualTo(exact);
    }

    @Test
    void searchAndFetchAnswerInTheShapesChatGptRequires() {
        ToolCalls.Account user = tools.account("chatgpt", null);
        String content = "Our on-call rotation hands over every Tuesday at 10:00 Berlin time.";
        String id = tools.chatgpt(
                        user,
                        "save_memory",
                        json("content", content, "title", "On-call handover", "tags", List.of("oncall")))
                .at("/memory/id")
                .asText();
        String untitled = tools.chatgpt(
                        user,
                        "save_memory",
                        json("content", "Pager duty escalation goes to the platform team after 15 minutes."))
                .at("/memory/id")
                .asText();

        ObjectNode found = tools.chatgpt(user, "search", json("query", "when does on-call hand over?", "limit", 1));
        List<String> foundIds = ids(found.path("results"));
        assertThat(foundIds).as("extra arguments do not narrow search").hasSize(2);
        JsonNode first = found.path("results").get(0);
        assertThat(fields(first)).containsExactly("id", "title", "url");
        assertThat(first.path("id").asText()).isEqualTo(id);
        assertThat(first.path("title").asText()).isEqualTo("On-call handover");
        assertThat(first.path("url").asText()).isEqualTo(PUBLIC_URL + "/v1/memories/" + id);

        ObjectNode fetched = tools.chatgpt(user, "fetch", json("id", id));
        assertThat(fields(fetched)).containsExactly("id", "title", "text", "url", "metadata");
        assertThat(fetched.path("id").asText()).isEqualTo(id);
        assertThat(fetched.path("text").asText()).isEqualTo(content);
        assertThat(fetched.path("url").asText()).isEqualTo(PUBLIC_URL + "/v1/memories/" + id);
        assertThat(fetched.at("/metadata/tags/0").asText()).isEqualTo("oncall");
        assertThat(fetched.at("/metadata/truncated").asBoolean()).isFalse();

        assertThat(tools.chatgpt(user, "fetch", json("id", untitled))
                        .path("title")
                        .asText())
                .isEqualTo("Pager duty escalation goes to the platform team after 15 minutes.");
        ObjectNode filtered =
                tools.chatgpt(user, "search_memories", json("query", "on-call", "tags", List.of("oncall")));
        assertThat(ids(filtered.path("memories"))).containsExactly(id);
    }

    @Test
    void badArgumentsFailWithTheRestRoutesCodesAndFields() {
        assertFields(tools.fails(ada, MEMAX, "memax_recall", "{}"), ErrorCode.VALIDATION_FAILED, "query");
        assertFields(
                tools.fails(ada, MEMAX, "memax_recall", json("query", "x", "limit", 0)),
                ErrorCode.VALIDATION_FAILED,
                "limit");
        assertFields(
                tools.fails(ada, MEMAX, "memax_recall", json("query", "x", "limit", "many")),
                ErrorCode.BAD_REQUEST,
                "limit");
        assertFields(tools.fails(ada, MEMAX, "memax_push", "{}"), ErrorCode.VALIDATION_FAILED, "content");
        assertFields(
                tools.fails(ada, MEMAX, "memax_push", json("content", "x", "kind", "bogus")),
                ErrorCode.VALIDATION_FAILED,
                "kind");
        assertFields(
                tools.fails(ada, MEMAX, "memax_push", json("content", "x", "expires_in", "soon")),
                ErrorCode.VALIDATION_FAILED,
                "expires_in");
        assertFields(tools.fails(ada, MEMAX, "memax_get", "{}"), ErrorCode.VALIDATION_FAILED, "id");
        assertFields(tools.fails(ada, MEMAX, "memax_get", json("id", 7)), ErrorCode.BAD_REQUEST, "id");
        assertCode(tools.fails(ada, MEMAX, "memax_get", json("id", "not-a-uuid")), ErrorCode.NOT_FOUND);
        assertFields(tools.fails(ada, MEMAX, "memax_list", json("limit", 500)), ErrorCode.VALIDATION_FAILED, "limit");
        assertFields(
                tools.fails(ada, MEMAX, "memax_list", json("sort", "random")), ErrorCode.VALIDATION_FAILED, "sort");
        // As PATCH does: the body is decoded before the memory is looked up.
        assertFields(
                tools.fails(
                        ada, MEMAX, "memax_update", json("id", "00000000-0000-0000-0000-000000000000", "tags", "one")),
                ErrorCode.BAD_REQUEST,
                "tags");
        assertCode(
                tools.fails(
                        ada,
                        MEMAX,
                        "memax_update",
                        json("id", "00000000-0000-0000-0000-000000000000", "tags", List.of("one"))),
                ErrorCode.NOT_FOUND);
        assertFields(tools.fails(ada, CHATGPT, "list_hub_members", "{}"), ErrorCode.VALIDATION_FAILED, "hub_id");
        assertCode(tools.fails(ada, MEMAX, "memax_ask", json("query", " ")), ErrorCode.VALIDATION_FAILED);
        assertCode(tools.fails(ada, MEMAX, "memax_recall", "[1]"), ErrorCode.BAD_REQUEST);

        // The same mistakes over REST name the same fields with the same codes.
        Http.Result rest = SERVER.http()
                .postJson("/v1/recall", json("query", "x", "limit", 0), "Authorization", "Bearer " + ada.apiKey());
        assertThat(rest.status()).isEqualTo(422);
        ApiException tool = tools.fails(ada, MEMAX, "memax_recall", json("query", "x", "limit", 0));
        assertThat(rest.json().at("/error/details/fields"))
                .isEqualTo(new ObjectMapper().valueToTree(tool.details().get("fields")));
        Http.Result wrongType = SERVER.http()
                .postJson("/v1/recall", json("query", "x", "limit", "many"), "Authorization", "Bearer " + ada.apiKey());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/details/fields/limit").asText())
                .isEqualTo(((Map<?, ?>) tools.fails(ada, MEMAX, "memax_recall", json("query", "x", "limit", "many"))
                                .details()
                                .get("fields"))
                        .get("limit"));
    }

    @Test
    void askAnswersFromTheCallersMemoriesWithSources() {
        ToolCalls.Account asker = tools.account("asker", null);
        String id = tools.memax(
                        asker,
                        "memax_push",
                        json(
                                "content",
                                "The office wifi password rotates every Monday "
                                        + "morning; the new one is posted in the #office channel.",
                                "title",
                                "Wifi password"))
                .at("/memory/id")
                .asText();
        tools.memax(asker, "memax_push", json("content", "The coffee machine is descaled on the first of each month."));

        ObjectNode answer = tools.memax(asker, "memax_ask", json("query", "When does the wifi password rotate?"));
        assertThat(answer.path("answer").asText()).contains("Monday");
        assertThat(answer.path("model").asText()).isEqualTo("extractive");
        assertThat(answer.at("/sources/0/id").asText()).isEqualTo(id);
        assertThat(answer.at("/sources/0/title").asText()).isEqualTo("Wifi password");
        assertThat(answer.at("/sources/0").has("chunk_content"))
                .as("sources stay small")
                .isFalse();
        assertThat(answer.path("fallback").isNull()).isTrue();
    }

    @Test
    void everyToolsResultConformsToItsOutputSchema() {
        ToolCalls.Account user = tools.account("schema", null);
        String hub = tools.memax(user, "memax_hubs", "{}").at("/hubs/0/id").asText();
        String id = tools.memax(
                        user,
                        "memax_push",
                        json(
                                "content",
                                "Schemas describe every tool result exactly.",
                                "title",
                                "Schemas",
                                "project_context",
                                Map.of("repo", "memax"),
                                "event_dates",
                                List.of("2026-01-02"),
                                "metadata",
                                Map.of("n", 1),
                                "expires_in",
                                "30d"))
                .at("/memory/id")
                .asText();
        String other = tools.chatgpt(user, "save_memory", json("content", "A memory without a title."))
                .at("/memory/id")
                .asText();
        tools.memax(user, "memax_recall", json("query", "schemas"));
        tools.memax(user, "memax_ask", json("query", "What do schemas describe?"));
        tools.memax(user, "memax_get", json("id", id));
        tools.memax(user, "memax_list", json("hub_id", hub));
        tools.memax(user, "memax_update", json("id", id, "state", "archived", "project_context", null));
        tools.chatgpt(user, "search", json("query", "title"));
        tools.chatgpt(user, "fetch", json("id", other));
        tools.chatgpt(user, "search_memories", json("query", "schemas", "include_archived", true));
        tools.chatgpt(user, "get_memory", json("id", other));
        tools.chatgpt(user, "list_hubs", "{}");
        tools.chatgpt(user, "list_hub_members", json("hub_id", hub, "limit", 1));
        tools.memax(user, "memax_topics", json("hub_id", hub));
        tools.chatgpt(user, "forget_memory", json("id", other));
        tools.memax(user, "memax_forget", json("id", id));

        assertThat(tools.conformed).containsAll(tools.names());
    }

    @Test
    void theSchemaCheckCatchesResultsThatDriftFromTheirSchema() {
        ToolCalls.Account user = tools.account("drift", null);
        String id = tools.memax(user, "memax_push", json("content", "A memory to bend out of shape."))
                .at("/memory/id")
                .asText();
        McpTool get = tools.tool(MEMAX, "memax_get");
        ObjectNode good =
                get.call(user.caller(), ToolCalls.parse(json("id", id))).structured();
        assertThat(ToolCalls.violations(get, good)).isEmpty();
        assertThat(ToolCalls.violations(get, good.deepCopy().put("surprise", 1)))
                .isNotEmpty();
        ObjectNode missing = good.deepCopy();
        missing.remove("truncated");
        assertThat(ToolCalls.violations(get, missing)).isNotEmpty();
        assertThat(ToolCalls.violations(get, good.deepCopy().put("created_at", "yesterday")))
                .isNotEmpty();
        assertThat(ToolCalls.violations(get, good.deepCopy().put("kind", "dream")))
                .isNotEmpty();
    }

    private static void assertCode(ApiException error, ErrorCode code) {
        assertThat(error.code()).as(error.getMessage() + " " + error.details()).isEqualTo(code);
    }

    private static void assertFields(ApiException error, ErrorCode code, String field) {
        assertCode(error, code);
        assertThat(((Map<?, ?>) error.details().get("fields")).containsKey(field))
                .as(error.details().toString())
                .isTrue();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
