package dev.memax.server.embedding;

import java.util.List;

/**
 * What is embedded for a stored chunk, rebuilt from its columns: {@code reembed} must give a
 * chunk the same text a fresh write would have embedded, or re-embedded vectors would differ
 * from new ones. {@link #DEFAULT} mirrors {@code memory.Chunker}'s {@code embedText}: the heading
 * chain ({@code " > "}) as context, preceded on the first chunk by the memory's title, then a
 * blank line and the chunk. The memory package may replace it by declaring its own
 * {@code ChunkText} bean (which then wins over this default), keeping one definition.
 */
@FunctionalInterface
public interface ChunkText {
    String embedText(String memoryTitle, List<String> headingChain, int ordinal, String content);

    /**
     * The memory-level text embedded beside the chunks (kept on the first chunk): the whole memory
     * as the model windows it, or null when that is {@code firstChunkText} itself. Without the
     * memory package's definition there is none.
     */
    default String memoryText(String memoryTitle, String memoryContent, String firstChunkText) {
        return null;
    }

    /** The title view embedded beside the chunks: the stripped title, or null without one. */
    static String titleText(String memoryTitle) {
        return memoryTitle == null || memoryTitle.isBlank() ? null : memoryTitle.strip();
    }

    ChunkText DEFAULT = (title, chain, ordinal, content) -> {
        String memoryTitle = ordinal == 0 && title != null ? title.strip() : "";
        String headings = String.join(" > ", chain);
        String prefix =
                memoryTitle.isEmpty() ? headings : headings.isEmpty() ? memoryTitle : memoryTitle + "\n" + headings;
        return prefix.isEmpty() ? content : prefix + "\n\n" + content;
    };
}
