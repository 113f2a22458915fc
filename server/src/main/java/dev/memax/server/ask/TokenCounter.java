package dev.memax.server.ask;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.EncodingResult;
import jakarta.inject.Singleton;

/**
 * Counts and cuts text in tokens (OpenAI's o200k BPE). Other providers' tokenizers differ by a
 * few percent: good enough for a context budget, and the provider's own counts win when it
 * reports them.
 */
@Singleton
public class TokenCounter {
    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** The longest prefix of {@code text} of at most {@code maxTokens} tokens. */
    public String truncate(String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        EncodingResult result = encoding.encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? encoding.decode(result.getTokens()) : text;
    }
}
