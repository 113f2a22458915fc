package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination with opaque, tamper-evident cursors. A cursor holds the sort key of the
 * last row returned (ending with a unique key, so ties cannot skip or repeat rows) and the
 * listing it belongs to, signed with HMAC-SHA256; rows inserted while a client pages can
 * never shift later pages. A forged, altered or foreign cursor is {@code bad_request}.
 */
@Singleton
public class Cursors {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final ServerSecrets secrets;
    private final ObjectMapper json;

    public Cursors(ServerSecrets secrets, ObjectMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    /** Reads rows after the cursor's position and builds the page (fetching one extra row to know if more exist). */
    public <T> Page<T> page(
            String key, String listing, PageRequest request, Fetch<T> fetch, Function<T, List<String>> sortKey) {
        List<String> after = request.cursor() == null ? null : decode(listing, request.cursor());
        List<T> rows = new ArrayList<>(fetch.rows(after, request.limit() + 1));
        boolean hasMore = rows.size() > request.limit();
        if (hasMore) {
            rows = rows.subList(0, request.limit());
        }
        String next = hasMore ? encode(listing, sortKey.apply(rows.get(rows.size() - 1))) : "";
        return new Page<>(key, List.copyOf(rows), next, hasMore, null);
    }

    /** Reads at most {@code limit} rows strictly after {@code after} (null: from the start). */
    @FunctionalInterface
    public interface Fetch<T> {
        List<T> rows(List<String> after, int limit);
    }

    String encode(String listing, List<String> position) {
        try {
            byte[] payload = json.writeValueAsBytes(new Position(listing, position));
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> decode(String listing, String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot <= 0) {
                throw new IllegalArgumentException("no signature");
            }
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                throw new IllegalArgumentException("bad signature");
            }
            Position position = json.readValue(payload, Position.class);
            if (!listing.equals(position.listing()) || position.after() == null) {
                throw new IllegalArgumentException("cursor of another listing");
            }
            return position.after();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ApiException.badRequest("Invalid cursor");
        }
    }

    private byte[] sign(byte[] payload) {
        return secrets.sign("cursor_hmac", payload);
    }

    record Position(String listing, List<String> after) {}
}
