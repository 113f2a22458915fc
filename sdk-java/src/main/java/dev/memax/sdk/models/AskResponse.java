package dev.memax.sdk.models;

import java.util.List;

/**
 * An answer to a question over the caller's memories ({@code POST /v1/ask}).
 *
 * @param answer    the answer's text; it cites memories as {@code [index]}
 * @param citations the memories the text cites
 * @param sources   the memories the answer was built from, best first
 * @param metadata  model, token counts and latencies (never null)
 */
public record AskResponse(String answer, List<Citation> citations, List<AskSource> sources, AskMetadata metadata) {
    public AskResponse {
        answer = answer == null ? "" : answer;
        citations = citations == null ? List.of() : List.copyOf(citations);
        sources = sources == null ? List.of() : List.copyOf(sources);
        metadata = metadata == null ? AskMetadata.EMPTY : metadata;
    }
}
