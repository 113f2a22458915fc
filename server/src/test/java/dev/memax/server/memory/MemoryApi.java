package dev.memax.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.UUID;

/** Memory routes over raw HTTP for the memory tests (on top of {@link HubApi} for users and hubs). */
final class MemoryApi {
    static final ObjectMapper JSON = new ObjectMapper();
    final HubApi hubs;
    private final MemaxServerExtension server;

    MemoryApi(MemaxServerExtension server) {
        this.server = server;
        this.hubs = new HubApi(server);
    }

    TestUser user(String name) {
        return hubs.user(name);
    }

    Http.Result send(TestUser as, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + (body == null ? 2 : 4)];
        all[0] = "Authorization";
        all[1] = as.bearer();
        if (body != null) {
            all[2] = "Content-Type";
            all[3] = "application/json";
        }
        System.arraycopy(headers, 0, all, body == null ? 2 : 4, headers.length);
        return server.http().send(method, path, body, all);
    }

    Http.Result get(TestUser as, String path) {
        return send(as, "GET", path, null);
    }

    Http.Result post(TestUser as, String path, String body, String... headers) {
        return send(as, "POST", path, body, headers);
    }

    /** Pushes a memory and asserts 201; returns its data. */
    JsonNode create(TestUser as, String body, String... headers) {
        Http.Result result = post(as, "/v1/memories", body, headers);
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.json().path("data");
    }

    /** A memory with just this content; returns its id. */
    UUID createContent(TestUser as, String content, String... headers) {
        return UUID.fromString(
                create(as, json("content", content), headers).path("id").asText());
    }

    JsonNode getOk(TestUser as, String path) {
        Http.Result result = get(as, path);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    /** Builds a JSON object from name, value pairs (values: String, Number, Boolean, JsonNode, null). */
    static String json(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }

    /** A digest of every memory-related row of a memory (the row, its versions, its chunks). */
    long fingerprint(UUID memoryId) {
        String id = "'" + memoryId + "'";
        return server.database()
                .queryLong("SELECT ('x' || substr(md5("
                        + "coalesce((SELECT m::text FROM memories m WHERE id = " + id + "), 'gone') || '#' "
                        + "|| coalesce((SELECT string_agg(v::text, ',' ORDER BY version) FROM memory_versions v WHERE memory_id = "
                        + id + "), '') || '#' "
                        + "|| coalesce((SELECT string_agg(c.id || ':' || c.hub_id || ':' || c.ordinal || ':' || md5(c.content), ',' "
                        + "ORDER BY ordinal) FROM memory_chunks c WHERE memory_id = " + id + "), '')"
                        + "), 1, 15))::bit(60)::bigint");
    }

    long count(String sql) {
        return server.database().queryLong(sql);
    }
}
