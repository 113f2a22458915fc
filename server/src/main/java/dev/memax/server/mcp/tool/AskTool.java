package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.number;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.ask.AskRequest;
import dev.memax.server.ask.AskResponse;
import dev.memax.server.ask.AskService;
import dev.memax.server.identity.Caller;
import dev.memax.server.llm.LlmCancellation;
import dev.memax.server.mcp.McpToolResult;

/**
 * {@code memax_ask}: {@code POST /v1/ask} answered whole (not streamed). The result carries the
 * answer, what it cites and a small list of the sources it was built from, without their text
 * (the answer already holds what was used).
 */
final class AskTool extends Tool {
    private final AskService asks;
    private final Arguments arguments;

    AskTool(Listing listing, AskService asks, Arguments arguments) {
        super(listing, readOnly(), "POST /v1/ask", input(), output());
        this.asks = asks;
        this.arguments = arguments;
    }

    private static ObjectNode input() {
        return RecallTool.filters("The question and the memories to answer it from.")
                .prop(
                        "limit",
                        integer(
                                "How many recalled memories the answer is built from (default: the server setting).",
                                1,
                                50))
                .prop(
                        "model",
                        string("A model the server offers, \"extractive\" (quotes the memories, no model), "
                                        + "or \"auto\" (default: your plan's model).")
                                .put("maxLength", 200))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("An answer written from your memories.")
                .required("answer", string("The answer; it cites sources as [n]."))
                .required("model", string("The model that wrote it, or \"extractive\"."))
                .required(
                        "citations",
                        array(
                                "The sources the answer cites, in order of first citation.",
                                Schema.object(null)
                                        .required("index", integer("The [n] in the answer."))
                                        .required("memory_id", uuid(null))
                                        .required("title", string(null))
                                        .closed()
                                        .build()))
                .required(
                        "sources",
                        array(
                                "The memories the answer was built from, numbered as cited.",
                                Schema.object(null)
                                        .required("index", integer("The [n] in the answer."))
                                        .required("id", uuid("The memory's id (read it with the get tool)."))
                                        .required("hub_id", uuid(null))
                                        .required("title", string(null))
                                        .required("relevance_score", number("0-1."))
                                        .required("age", string("How long ago it was written."))
                                        .closed()
                                        .build()))
                .required(
                        "fallback",
                        nullable(
                                string(
                                        "Why an extractive answer was given although a model was "
                                                + "asked for (provider_unavailable, provider_error, provider_timeout); null otherwise.")))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        AskService.Prepared prepared = asks.prepare(caller, arguments.bind(args, AskRequest.class));
        AskResponse answer = asks.answer(prepared, text -> {}, new LlmCancellation());
        ObjectNode result = arguments.json().createObjectNode();
        result.put("answer", answer.answer());
        result.put("model", answer.metadata().model());
        ArrayNode citations = result.putArray("citations");
        for (AskResponse.Citation c : answer.citations()) {
            citations
                    .addObject()
                    .put("index", c.index())
                    .put("memory_id", c.memoryId().toString())
                    .put("title", c.title());
        }
        ArrayNode sources = result.putArray("sources");
        for (AskResponse.Source s : answer.sources()) {
            sources.addObject()
                    .put("index", s.index())
                    .put("id", s.id().toString())
                    .put("hub_id", s.hubId().toString())
                    .put("title", s.title())
                    .put("relevance_score", s.relevanceScore())
                    .put("age", s.age());
        }
        result.put("fallback", answer.metadata().fallback());
        return new McpToolResult(result);
    }
}
