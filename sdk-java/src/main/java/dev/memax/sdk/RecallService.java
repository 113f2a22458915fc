package dev.memax.sdk;

import dev.memax.sdk.models.RecallResult;
import dev.memax.sdk.params.RecallParams;
import java.util.Objects;

/**
 * Recall: hybrid search over the memories the caller may read ({@code POST /v1/recall}).
 *
 * <pre>{@code
 * RecallResult result = client.recall().search(RecallParams.builder()
 *         .query("how do we deploy?").tags("ops").limit(5).build());
 * for (RecalledMemory m : result.memories()) {
 *     System.out.println(m.relevanceScore() + "  " + m.title() + ": " + m.chunkContent());
 * }
 * }</pre>
 */
public final class RecallService {
    private final Transport transport;

    RecallService(Transport transport) {
        this.transport = transport;
    }

    /**
     * The best memories for the query, best first, each with its best-matching chunk.
     *
     * @throws dev.memax.sdk.errors.NotFoundException         a named hub the caller cannot read
     * @throws dev.memax.sdk.errors.ValidationException       an invalid filter, limit, threshold or mode
     * @throws dev.memax.sdk.errors.PermissionDeniedException a credential without the read scope
     */
    public RecallResult search(RecallParams params) {
        return search(params, RequestOptions.NONE);
    }

    /** {@link #search(RecallParams)} with per-call options. */
    public RecallResult search(RecallParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", "/v1/recall", params, options, Transport.Auth.REQUIRED, RecallResult.class);
    }

    /** Shorthand for {@code search(RecallParams.of(query))}. */
    public RecallResult search(String query) {
        return search(RecallParams.of(query));
    }
}
