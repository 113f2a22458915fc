package dev.memax.server.embedding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts BERT WordPiece tokens exactly as the HuggingFace tokenizer of the in-process models does
 * (BertNormalizer with clean_text, CJK spacing, accent stripping and lowercasing; BertPreTokenizer
 * splitting on whitespace and punctuation; greedy longest-match WordPiece with {@code ##}
 * continuations, a word over 100 characters or with an unmatched piece counting as one
 * {@code [UNK]}; the special tokens {@code [CLS]} etc. written in the text counting as one), but
 * in plain Java: DJL's {@code encode} builds every token string, offset and mask over JNI and took
 * ~0.8 ms for a 360-token text, too slow for a chunker that counts every paragraph and sentence
 * it considers. Tests check it against DJL on real text.
 */
final class WordPieceCounter {
    private static final int MAX_WORD_CHARS = 100;
    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    private final Set<String> vocab;

    private WordPieceCounter(Set<String> vocab) {
        this.vocab = vocab;
    }

    /** Reads {@code model.vocab} of a HuggingFace {@code tokenizer.json} (WordPiece). */
    static WordPieceCounter fromTokenizerJson(InputStream json) throws IOException {
        Set<String> vocab = new HashSet<>(40_000);
        try (JsonParser parser = new ObjectMapper().getFactory().createParser(json)) {
            // Stream to model.vocab, then read its keys: the file also holds large merges/added sections.
            int depth = 0;
            boolean inModel = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (inModel && depth < 2) {
                        inModel = false;
                    }
                } else if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (depth == 1 && name.equals("model")) {
                        inModel = true;
                    } else if (inModel && depth == 2 && name.equals("vocab")) {
                        if (parser.nextToken() != JsonToken.START_OBJECT) {
                            throw new IOException("model.vocab is not an object");
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            vocab.add(parser.currentName());
                            parser.nextToken();
                        }
                    }
                }
            }
        }
        if (vocab.isEmpty()) {
            throw new IOException("no WordPiece vocabulary in tokenizer.json");
        }
        return new WordPieceCounter(vocab);
    }

    int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (hasLoneSurrogate(text)) {
            // What the model sees: DJL's JNI conversion of a string holding an unpaired surrogate
            // loses every surrogate, paired ones (emoji, rare CJK) included.
            text = text.chars()
                    .filter(c -> !Character.isSurrogate((char) c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
        }
        if (text.indexOf('[') < 0) {
            return countNormalised(text);
        }
        // Special tokens match on the raw text, before normalisation, as one token each.
        int total = 0;
        int from = 0;
        int i = text.indexOf('[');
        while (i >= 0) {
            String special = specialAt(text, i);
            if (special != null) {
                total += countNormalised(text.substring(from, i)) + 1;
                from = i + special.length();
                i = text.indexOf('[', from);
            } else {
                i = text.indexOf('[', i + 1);
            }
        }
        return total + countNormalised(text.substring(from));
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String specialAt(String text, int at) {
        for (String special : SPECIAL) {
            if (text.startsWith(special, at)) {
                return special;
            }
        }
        return null;
    }

    private int countNormalised(String raw) {
        if (raw.isEmpty()) {
            return 0;
        }
        String text = normalise(raw);
        int total = 0;
        int wordStart = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isWhitespace(c)) {
                if (wordStart >= 0) {
                    total += wordPieces(text.substring(wordStart, i));
                    wordStart = -1;
                }
            } else if (isPunctuation(c)) {
                if (wordStart >= 0) {
                    total += wordPieces(text.substring(wordStart, i));
                    wordStart = -1;
                }
                total++; // a punctuation character is a word of its own: itself or [UNK]
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            total += wordPieces(text.substring(wordStart));
        }
        return total;
    }

    /** Greedy longest-match-first; a word that cannot be covered is one [UNK]. */
    private int wordPieces(String word) {
        int chars = word.codePointCount(0, word.length());
        if (chars > MAX_WORD_CHARS) {
            return 1;
        }
        if (vocab.contains(word)) {
            return 1;
        }
        int pieces = 0;
        int start = 0;
        StringBuilder candidate = new StringBuilder(word.length() + 2);
        while (start < word.length()) {
            int end = word.length();
            boolean found = false;
            while (end > start) {
                candidate.setLength(0);
                if (start > 0) {
                    candidate.append("##");
                }
                candidate.append(word, start, end);
                if (vocab.contains(candidate.toString())) {
                    found = true;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (!found) {
                return 1;
            }
            pieces++;
            start = end;
        }
        return pieces;
    }

    /** BertNormalizer(clean_text, handle_chinese_chars, strip_accents = lowercase = true). */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c)) {
                out.append(' ');
            } else if (isChinese(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
                ascii = false;
            } else {
                out.appendCodePoint(c);
                if (c > 0x7F) {
                    ascii = false;
                }
            }
        }
        String cleaned = out.toString();
        if (!ascii) {
            String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder(decomposed.length());
            for (int i = 0; i < decomposed.length(); ) {
                int c = decomposed.codePointAt(i);
                i += Character.charCount(c);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    stripped.appendCodePoint(c);
                }
            }
            cleaned = stripped.toString();
        }
        return cleaned.toLowerCase(Locale.ROOT);
    }

    /** Rust's char::is_whitespace (Unicode White_Space) plus tab, newline, carriage return. */
    static boolean isWhitespace(int c) {
        return switch (c) {
            case '\t', '\n', '\r', ' ', 0x0B, 0x0C, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /** Unicode category C* (Cc, Cf, Cs, Co, Cn), except tab, newline and carriage return. */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /** ASCII punctuation (incl. $+<=>^`|~) or Unicode P*. */
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION
                || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
