package dev.memax.server.embedding;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;

/**
 * The {@code reembed} operator command ({@code AdminCommands} dispatches it):
 * {@code java -jar memax-server.jar reembed --hub ID|SLUG | --all [--batch 64]}. Progress goes to
 * stdout line by line ({@code reembed: 1200/5000 chunks (24%) 85 chunks/s}); the returned text
 * is the closing summary.
 */
public final class ReembedCommand {
    public static final int DEFAULT_BATCH = 64;

    private ReembedCommand() {}

    public static String run(ApplicationContext context, String hub, String batch, PrintStream out) {
        int size;
        try {
            size = batch == null ? DEFAULT_BATCH : Integer.parseInt(batch.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch must be a number, not '" + batch + "'");
        }
        EmbeddingProvider provider = context.getBean(EmbeddingProvider.class);
        Reembedder.Result result = context.getBean(Reembedder.class).run(hub, size, out);
        return result.summary(provider.maxTokens());
    }
}
