package dev.memax.server.platform;

/**
 * The rules every piece of client text meets, wherever it arrives (JSON strings and keys at any
 * depth, query and path parameters, headers): no NUL character (PostgreSQL cannot store one) and
 * valid Unicode (no lone surrogate: it has no UTF-8 form). A violation is {@code 422
 * validation_failed} naming the field ({@link StrictJsonFactory} for JSON, {@link
 * RequestInputFilter} for the rest).
 *
 * <p>Text that is embedded (memory content, recall and ask queries) must also hold something
 * once normalised for the model: {@link #hasText(String)}.
 */
public final class TextInput {
    public static final String NUL_MESSAGE = "must not contain NUL characters (\\u0000)";
    public static final String SURROGATE_MESSAGE = "must be valid Unicode (a lone surrogate such as \\ud800 is not)";
    public static final String EMPTY_MESSAGE = "must contain text (not only whitespace, control or format characters)";

    private TextInput() {}

    /** Why {@code text} is refused, or null when it is acceptable. */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NUL_MESSAGE;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return SURROGATE_MESSAGE;
                }
            } else if (Character.isLowSurrogate(c)) {
                return SURROGATE_MESSAGE;
            }
        }
        return null;
    }

    /**
     * Whether anything is left of {@code text} after the embedding models' normalisation (BERT's
     * clean-up drops control, format, surrogate, private-use and unassigned code points and
     * U+FFFD; whitespace separates words): at least one code point outside those.
     */
    public static boolean hasText(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0xFFFD || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            int type = Character.getType(c);
            if (type != Character.CONTROL
                    && type != Character.FORMAT
                    && type != Character.SURROGATE
                    && type != Character.PRIVATE_USE
                    && type != Character.UNASSIGNED) {
                return true;
            }
        }
        return false;
    }
}
