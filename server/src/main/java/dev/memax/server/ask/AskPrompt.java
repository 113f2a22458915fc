package dev.memax.server.ask;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** What the model is told: the rules, then the numbered sources and the question. */
final class AskPrompt {
    static final String SYSTEM = """
            You answer questions from the user's own memories, given as numbered sources. Use only what \
            the sources say. After every statement, cite the sources it comes from by number in square \
            brackets, like [1] or [2][3]. If the sources do not answer the question, say that the memories \
            do not say, and do not guess. Answer briefly and directly.""";

    private AskPrompt() {}

    /** The user's turn: each source as {@code [n] title (date)} and its text, then the question. */
    static String user(String question, List<AskResponse.Source> sources, List<Instant> dates) {
        StringBuilder prompt = new StringBuilder("Sources:\n");
        for (int i = 0; i < sources.size(); i++) {
            AskResponse.Source source = sources.get(i);
            prompt.append('[').append(source.index()).append(']');
            if (source.title() != null && !source.title().isBlank()) {
                prompt.append(' ').append(source.title().strip());
            }
            prompt.append(" (")
                    .append(dates.get(i).atZone(ZoneOffset.UTC).toLocalDate())
                    .append(")\n")
                    .append(source.chunkContent().strip())
                    .append("\n\n");
        }
        return prompt.append("Question: ").append(question.strip()).toString();
    }
}
