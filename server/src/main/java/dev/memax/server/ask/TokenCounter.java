package dev.memax.server.ask;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * Counts and cuts text in tokens (OpenAI's o200k BPE). Other providers' tokenizers differ by a
 * few percent: good enough for a context budget, and the provider's own counts win when it
 * reports them.
 *
 * <p>Reading the vocabulary takes ~0.5 s: it starts in the background once the server listens
 * (as the embedding model does, see EmbeddingStartup), so neither startup nor the first ask waits
 * for all of it; anything counted before then starts it and waits.
 */
@Singleton
public class TokenCounter {
    private CompletableFuture<Encoding> encoding;

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        load();
    }

    private synchronized CompletableFuture<Encoding> load() {
        if (encoding == null) {
            encoding = CompletableFuture.supplyAsync(
                    () -> Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
        }
        return encoding;
    }

    private Encoding encoding() {
        return load().join();
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    /** The longest prefix of {@code text} of at most {@code maxTokens} tokens. */
    public String truncate(String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        EncodingResult result = encoding().encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? encoding().decode(result.getTokens()) : text;
    }
}
