package dev.memax.server.memory;

import dev.memax.server.embedding.ChunkText;
import dev.memax.server.platform.TextInput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a memory into what recall ranks. Markdown ATX headings ({@code #} to {@code ######},
 * outside fenced code) open sections; each chunk keeps its {@code heading_chain}, the titles of
 * the headings that enclose it, outermost first (the heading line itself is not repeated in the
 * chunk's content). A section over the token budget is split at paragraphs, then sentences, then
 * words, packing as much as fits into each chunk.
 *
 * <p>What gets embedded ({@link Chunk#embedText()}) is the chunk with its context: the heading
 * chain, and for the first chunk the memory's title, so that a chunk deep in a document still
 * carries what it is about. The budget counts that context too.
 */
public final class Chunker {
    /** Chunks stay at most this long even for models that read more: shorter chunks rank more precisely. */
    static final int MAX_CHUNK_TOKENS = 512;
    /** Room left for the model's special tokens and tokenizer differences. */
    static final int RESERVED_TOKENS = 8;

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n+");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?;:])\\s+|\\n+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int budget;
    private final ToIntFunction<String> tokens;

    /**
     * @param maxTokens the most tokens the embedding model reads
     * @param tokens    counts the tokens of a text ({@link dev.memax.server.embedding.EmbeddingProvider#countTokens})
     */
    public Chunker(int maxTokens, ToIntFunction<String> tokens) {
        this.budget = Math.max(32, Math.min(maxTokens, MAX_CHUNK_TOKENS) - RESERVED_TOKENS);
        this.tokens = tokens;
    }

    /**
     * One chunk of a memory.
     *
     * @param ordinal      position in the memory, from 0
     * @param headingChain titles of the enclosing headings, outermost first
     * @param content      the chunk's own text (what recall shows and full-text search indexes)
     * @param embedText    what is embedded: the content with its title and heading context
     * @param title        the memory's title on the first chunk (full text indexes it there, as the
     *                     embedding does), null on the others
     */
    public record Chunk(int ordinal, List<String> headingChain, String content, String embedText, String title) {}

    public List<Chunk> chunk(String title, String content) {
        List<Chunk> out = new ArrayList<>();
        String memoryTitle = title == null ? "" : title.strip();
        List<Section> sections = sections(content);
        if (sections.isEmpty()) {
            // Only headings: the text is still what the memory says.
            sections = List.of(new Section(List.of(), content.strip()));
        }
        for (Section section : sections) {
            int room = budget - tokens.applyAsInt(context(out.isEmpty() ? memoryTitle : "", section.chain()));
            for (String piece : split(section.text(), room)) {
                out.add(new Chunk(
                        out.size(),
                        section.chain(),
                        piece,
                        embedText(memoryTitle, section.chain(), out.size(), piece),
                        out.isEmpty() && !memoryTitle.isEmpty() ? memoryTitle : null));
            }
        }
        return out;
    }

    /**
     * The memory-level texts embedded beside the chunks (recall blends them with the best chunk).
     *
     * @param memoryText the whole memory as the model windows it (title, a blank line, content, cut to the
     *                   chunk budget); null when that is exactly the first chunk's own text
     * @param title      the title alone; null without one
     */
    public record Views(String memoryText, String title) {}

    /** The {@link Views} of a memory whose first chunk embeds {@code firstChunkText}. */
    public Views views(String title, String content, String firstChunkText) {
        String memoryTitle = ChunkText.titleText(title);
        // A cheap cut first: the budget's worth of tokens never spans more characters than this.
        String opening = content.length() > budget * 12 ? content.substring(0, budget * 12) : content;
        String whole = memoryTitle == null ? opening.strip() : memoryTitle + "\n\n" + opening.strip();
        // The first chunk's text fits the budget already: a memory that is its first chunk needs no token count.
        String text = whole.equals(firstChunkText) ? whole : fit(whole, budget);
        boolean sameAsFirst = text.equals(firstChunkText);
        return new Views(sameAsFirst || text.isBlank() ? null : text, memoryTitle);
    }

    /**
     * What is embedded for a chunk: its context (the memory's title on the first chunk, then the
     * heading chain joined by {@code " > "}), a blank line, and the chunk. A context over half
     * the budget is cut, so the chunk's own text always fits. Deterministic from the stored
     * columns, so {@code reembed} rebuilds exactly what a write embedded.
     */
    public String embedText(String memoryTitle, List<String> headingChain, int ordinal, String content) {
        String prefix = context(ordinal == 0 && memoryTitle != null ? memoryTitle.strip() : "", headingChain);
        return prefix.isEmpty() ? content : prefix + "\n\n" + content;
    }

    /** The text, cut at a word boundary (or mid-word for a single huge word) to at most {@code max} tokens. */
    private String fit(String text, int max) {
        if (text.isEmpty() || tokens.applyAsInt(text) <= max) {
            return text;
        }
        String[] words = WHITESPACE.split(text.strip());
        int low = 0;
        int high = words.length;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (tokens.applyAsInt(String.join(" ", java.util.Arrays.copyOf(words, mid))) <= max) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low > 0
                ? String.join(" ", java.util.Arrays.copyOf(words, low))
                : splitWord(words[0], max).get(0);
    }

    /** The chunk's context, cut to half the budget. */
    private String context(String title, List<String> chain) {
        String headings = String.join(" > ", chain);
        String context = title.isEmpty() ? headings : headings.isEmpty() ? title : title + "\n" + headings;
        return fit(context, budget / 2);
    }

    private record Section(List<String> chain, String text) {}

    private record Heading(int level, String title) {}

    /** Sections in document order; blank ones (a heading followed directly by another) are dropped. */
    static List<Section> sections(String content) {
        List<Section> sections = new ArrayList<>();
        Deque<Heading> open = new ArrayDeque<>();
        StringBuilder body = new StringBuilder();
        String fence = null;
        for (String line : content.split("\\r?\\n", -1)) {
            Matcher fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find()) {
                String marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0)
                        && marker.length() >= fence.length()
                        && line.strip().equals(marker)) {
                    fence = null;
                }
            } else if (fence == null) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    addSection(sections, open, body);
                    int level = heading.group(1).length();
                    while (!open.isEmpty() && open.peekLast().level() >= level) {
                        open.removeLast();
                    }
                    String text =
                            heading.group(2) == null ? "" : heading.group(2).strip();
                    open.addLast(new Heading(level, text));
                    continue;
                }
            }
            body.append(line).append('\n');
        }
        addSection(sections, open, body);
        return sections;
    }

    private static void addSection(List<Section> sections, Deque<Heading> open, StringBuilder body) {
        String text = body.toString().strip();
        body.setLength(0);
        // A section of only control or format characters would leave the embedder nothing.
        if (TextInput.hasText(text)) {
            List<String> chain =
                    open.stream().map(Heading::title).filter(t -> !t.isEmpty()).toList();
            sections.add(new Section(chain, text));
        }
    }

    /** The text in pieces of at most {@code room} tokens: whole if it fits, else by paragraphs, sentences, words. */
    List<String> split(String text, int room) {
        if (tokens.applyAsInt(text) <= room) {
            return List.of(text);
        }
        return pack(PARAGRAPH_BREAK.split(text), "\n\n", room, 0);
    }

    private List<String> pack(String[] units, String separator, int room, int level) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (String raw : units) {
            String unit = raw.strip();
            if (!TextInput.hasText(unit)) {
                continue;
            }
            int unitTokens = tokens.applyAsInt(unit);
            if (unitTokens > room) {
                flush(out, current);
                currentTokens = 0;
                out.addAll(splitFurther(unit, room, level));
                continue;
            }
            if (current.length() > 0 && currentTokens + unitTokens > room) {
                flush(out, current);
                currentTokens = 0;
            }
            if (current.length() > 0) {
                current.append(separator);
            }
            current.append(unit);
            currentTokens += unitTokens;
        }
        flush(out, current);
        return out;
    }

    private List<String> splitFurther(String unit, int room, int level) {
        return switch (level) {
            case 0 -> pack(SENTENCE_BREAK.split(unit), " ", room, 1);
            case 1 -> pack(WHITESPACE.split(unit), " ", room, 2);
            default -> splitWord(unit, room);
        };
    }

    /** A single "word" longer than the budget (a URL, a base64 blob): cut by characters. */
    private List<String> splitWord(String word, int room) {
        List<String> out = new ArrayList<>();
        int step = Math.max(1, room);
        int start = 0;
        while (start < word.length()) {
            int end = Math.min(word.length(), start + step);
            if (end < word.length() && Character.isHighSurrogate(word.charAt(end - 1))) {
                end--;
            }
            out.add(word.substring(start, end));
            start = end;
        }
        return out;
    }

    private static void flush(List<String> out, StringBuilder current) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }
}
