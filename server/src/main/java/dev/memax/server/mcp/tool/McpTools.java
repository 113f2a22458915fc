package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.McpEndpoint.CHATGPT;
import static dev.memax.server.mcp.McpEndpoint.MEMAX;

import dev.memax.server.ask.AskService;
import dev.memax.server.dream.DreamPhases;
import dev.memax.server.dream.DreamService;
import dev.memax.server.hub.HubService;
import dev.memax.server.hub.MemberService;
import dev.memax.server.mcp.McpEndpoint;
import dev.memax.server.mcp.McpTool;
import dev.memax.server.memory.MemoryListings;
import dev.memax.server.memory.MemoryService;
import dev.memax.server.memory.MemoryUpserts;
import dev.memax.server.recall.RecallService;
import dev.memax.server.topic.TopicService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Every MCP tool, as a singleton bean of type {@link McpTool}: the {@code memax_*} tools of
 * {@code /mcp} and ChatGPT's tools of {@code /mcp/chatgpt} (docs/architecture.md §5.10). Where both endpoints
 * offer the same operation under their own names, one implementation serves both, listed with the
 * description each audience reads.
 */
@Factory
class McpTools {
    private static Tool.Listing listing(McpEndpoint endpoint, String name, String title, String description) {
        return new Tool.Listing(endpoint, name, title, description);
    }

    // --- /mcp ---

    @Singleton
    McpTool memaxRecall(RecallService recall, Arguments arguments, Views views) {
        return new RecallTool(
                listing(
                        MEMAX,
                        "memax_recall",
                        "Recall memories",
                        "Search the user's Memax memories (their personal hub and the team hubs they belong to) for what is "
                                + "relevant to a question or task. Use it before answering or acting on anything that may depend "
                                + "on what the user or their agents saved earlier: preferences, decisions and their reasons, "
                                + "project facts, procedures. Returns up to `limit` memories best first, each with the passage "
                                + "that matched (chunk_content), title, relevance_score (0-1), age and id; read a whole memory "
                                + "with memax_get."),
                recall,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxAsk(AskService asks, Arguments arguments) {
        return new AskTool(
                listing(
                        MEMAX,
                        "memax_ask",
                        "Ask your memories",
                        "Answer a question from the user's memories: recalls the relevant ones and writes a short answer that "
                                + "cites them as [n]. Use it for a synthesized answer; use memax_recall for the passages "
                                + "themselves. Returns the answer, its citations and the sources it was built from (id, title, "
                                + "relevance_score, age). Each call counts against the user's ask quota."),
                asks,
                arguments);
    }

    @Singleton
    McpTool memaxPush(MemoryUpserts memories, Arguments arguments, Views views) {
        return new PushTool(
                listing(
                        MEMAX,
                        "memax_push",
                        "Save a memory",
                        "Save something worth remembering across sessions: a decision and why it was made, a fact about the "
                                + "user or the project, a procedure that worked, a preference. Write self-contained content: it "
                                + "will be read later without this conversation. With source_path (e.g. a file's path) the "
                                + "memory at that path in the hub is updated in place, and repeating the same push changes "
                                + "nothing; without it every call creates a new memory. Saved in the user's personal hub unless "
                                + "hub_id names another (see memax_hubs). Returns created (true for a new memory) and the memory "
                                + "without its content."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxGet(MemoryService memories, Arguments arguments, Views views) {
        return new GetTool(
                listing(
                        MEMAX,
                        "memax_get",
                        "Read a memory",
                        "Read one memory whole by its id (from memax_recall, memax_list or memax_push): content, title, tags, "
                                + "metadata, dates, version. Content longer than the server's cap is cut: truncated is then true "
                                + "and content_length gives the full length."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxList(MemoryListings memories, Arguments arguments, Views views) {
        return new ListTool(
                listing(
                        MEMAX,
                        "memax_list",
                        "List memories",
                        "Browse the user's memories page by page, newest first by default, optionally only one hub, kind, "
                                + "tags, source, state, pinned or creation dates. Use it to see what exists (the latest "
                                + "memories, everything tagged X); to search by meaning use memax_recall. Returns memories "
                                + "without content (id, title, preview, tags, dates), total, and next_cursor to pass as cursor "
                                + "for the next page."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxUpdate(MemoryService memories, Arguments arguments, Views views) {
        return new UpdateTool(
                listing(
                        MEMAX,
                        "memax_update",
                        "Update a memory",
                        "Change an existing memory by id: send only the fields to change (content, title, tags, pinned, kind, "
                                + "state archived or active, ...); null clears summary, source, source_agent, source_path, session_id, "
                                + "project_context or the expiry. Use it to correct or extend a memory instead of saving a "
                                + "near-duplicate. The previous version stays in the memory's history. Returns the memory as it "
                                + "is now, without its content."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxForget(MemoryService memories, Arguments arguments, Views views) {
        return new ForgetTool(
                listing(
                        MEMAX,
                        "memax_forget",
                        "Forget a memory",
                        "Delete one memory by id, permanently, with its history. Use it only when the user asks to forget "
                                + "something, or a memory is wrong and should not be kept (to correct one, use memax_update). "
                                + "Returns the id and deleted: true; forgetting it again answers not_found."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxHubs(HubService hubs, Views views) {
        return new HubsTool(
                listing(
                        MEMAX,
                        "memax_hubs",
                        "List hubs",
                        "List the hubs (memory spaces) the user belongs to: their personal hub and the team hubs shared with "
                                + "them, with their role in each and how many memories each holds. Use it to find the hub_id "
                                + "for memax_push, memax_recall (hub_ids) or memax_list."),
                hubs,
                views);
    }

    @Singleton
    McpTool memaxTopics(TopicService topics, Arguments arguments, Views views) {
        return new TopicsTool(
                listing(
                        MEMAX,
                        "memax_topics",
                        "List topics",
                        "List the topics a hub's memories are organised in, as an outline (each topic after its parent, with "
                                + "its depth), with how many memories each holds itself and with the topics under it, and how "
                                + "many memories sit in no topic. Use a topic's id as topic_id in memax_recall or memax_list to "
                                + "search or browse only that topic and its subtopics. The personal hub unless hub_id names "
                                + "another (see memax_hubs)."),
                topics,
                arguments,
                views);
    }

    @Singleton
    McpTool memaxDream(DreamService dreams, DreamPhases phases, Arguments arguments, Views views) {
        return new DreamTool(
                listing(
                        MEMAX,
                        "memax_dream",
                        "Tidy a hub's memories",
                        "Start a dream of a hub in the background: duplicates merged, outdated facts superseded, "
                                + "contradictions filed for the user to review, and the other phases the server runs. "
                                + "Nothing is deleted and every change can be undone. Needs the hub's admin role and a "
                                + "plan with dreams; a hub dreams once at a time and not again for a few minutes. Use "
                                + "dry_run to see what would change. The personal hub unless hub_id names another."),
                dreams,
                phases.names(),
                arguments,
                views);
    }

    // --- /mcp/chatgpt ---

    @Singleton
    McpTool search(RecallService recall, Arguments arguments, Views views) {
        return new SearchTool(
                listing(
                        CHATGPT,
                        "search",
                        "Search memories",
                        "Search the user's Memax memories by meaning and keywords. Returns results (id, title, url) best "
                                + "first; read one with fetch."),
                recall,
                arguments,
                views);
    }

    @Singleton
    McpTool fetch(MemoryService memories, Arguments arguments, Views views) {
        return new FetchTool(
                listing(
                        CHATGPT,
                        "fetch",
                        "Fetch a memory",
                        "Read one memory by the id search returned: its text, title, url and metadata. Text longer than the "
                                + "server's cap is cut; metadata.truncated then says so and metadata.content_length gives the "
                                + "full length."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool searchMemories(RecallService recall, Arguments arguments, Views views) {
        return new RecallTool(
                listing(
                        CHATGPT,
                        "search_memories",
                        "Search memories with filters",
                        "Search the user's Memax memories for what is relevant to the conversation, optionally only some hubs, "
                                + "a kind, tags or dates. Use it before answering anything that may depend on what the user "
                                + "saved earlier. Returns memories best first, each with the passage that matched "
                                + "(chunk_content), title, relevance_score (0-1), age and id; read a whole memory with "
                                + "get_memory."),
                recall,
                arguments,
                views);
    }

    @Singleton
    McpTool getMemory(MemoryService memories, Arguments arguments, Views views) {
        return new GetTool(
                listing(
                        CHATGPT,
                        "get_memory",
                        "Read a memory",
                        "Read one memory whole by its id (from search_memories or save_memory): content, title, tags, "
                                + "metadata, dates. Content longer than the server's cap is cut: truncated is then true and "
                                + "content_length gives the full length."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool saveMemory(MemoryUpserts memories, Arguments arguments, Views views) {
        return new PushTool(
                listing(
                        CHATGPT,
                        "save_memory",
                        "Save a memory",
                        "Save something the user wants remembered, or that will matter in later conversations: a decision "
                                + "and its reason, a fact, a preference, a procedure. Write self-contained content. With "
                                + "source_path the memory at that path is updated in place (repeating it changes nothing); "
                                + "without it every call creates a new memory. Saved in the user's personal hub unless hub_id "
                                + "names another (see list_hubs). Returns created and the memory without its content."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool forgetMemory(MemoryService memories, Arguments arguments, Views views) {
        return new ForgetTool(
                listing(
                        CHATGPT,
                        "forget_memory",
                        "Forget a memory",
                        "Delete one memory by id, permanently, with its history. Use it only when the user asks to forget "
                                + "something. Returns the id and deleted: true; forgetting it again answers not_found."),
                memories,
                arguments,
                views);
    }

    @Singleton
    McpTool listHubs(HubService hubs, Views views) {
        return new HubsTool(
                listing(
                        CHATGPT,
                        "list_hubs",
                        "List hubs",
                        "List the hubs (memory spaces) the user belongs to: their personal hub and team hubs, with their role "
                                + "and memory counts. Use it to find a hub_id for save_memory, search_memories or "
                                + "list_hub_members."),
                hubs,
                views);
    }

    @Singleton
    McpTool listHubMembers(MemberService members, Arguments arguments, Views views) {
        return new HubMembersTool(
                listing(
                        CHATGPT,
                        "list_hub_members",
                        "List a hub's members",
                        "List who belongs to a hub (by hub_id from list_hubs) and their roles, in the order they joined, one "
                                + "page at a time; pass next_cursor as cursor for the next page."),
                members,
                arguments,
                views);
    }
}
