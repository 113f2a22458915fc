package dev.memax.server.platform;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence splitting for the features that pick sentences out of memories (extractive answers, dreams). */
public final class Sentences {
    private Sentences() {}

    /**
     * The text's sentences (the JDK's sentence boundaries) within its paragraphs and Markdown blocks
     * (list items, headings), blank lines and the blocks' markers dropped.
     */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String paragraph : text.split("\\n\\s*\\n|\\n(?=\\s*(?:[-*+]|\\d+\\.|#+)\\s)")) {
            BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
            String flat = paragraph.replaceAll("\\s+", " ").strip().replaceFirst("^(?:[-*+]|\\d+\\.|#+)\\s+", "");
            boundaries.setText(flat);
            int start = boundaries.first();
            for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
                String sentence = flat.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    out.add(sentence);
                }
            }
        }
        return out;
    }
}
