package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Dream routes over raw HTTP, and the fixture memories the dream tests plant. */
final class DreamApi {
    static final ObjectMapper JSON = new ObjectMapper();
    final HubApi hubs;
    private final MemaxServerExtension server;

    DreamApi(MemaxServerExtension server) {
        this.server = server;
        this.hubs = new HubApi(server);
    }

    /** A user whose plan includes dreams (set before any request reads the plan). */
    TestUser dreamer(String name) {
        TestUser user = hubs.user(name);
        server.database().execute("UPDATE users SET plan = 'pro' WHERE id = '" + user.id() + "'");
        return user;
    }

    Http.Result send(Http http, TestUser as, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + (body == null ? 2 : 4)];
        all[0] = "Authorization";
        all[1] = as.bearer();
        if (body != null) {
            all[2] = "Content-Type";
            all[3] = "application/json";
        }
        System.arraycopy(headers, 0, all, body == null ? 2 : 4, headers.length);
        return http.send(method, path, body, all);
    }

    Http.Result send(TestUser as, String method, String path, String body, String... headers) {
        return send(server.http(), as, method, path, body, headers);
    }

    JsonNode ok(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isBetween(200, 202);
        return result.json().path("data");
    }

    /** Pushes a memory into the hub; returns its id. */
    UUID push(TestUser as, UUID hub, ObjectNode body) {
        body.put("hub_id", hub.toString());
        Http.Result result = send(as, "POST", "/v1/memories", body.toString());
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return UUID.fromString(result.json().at("/data/id").asText());
    }

    UUID push(TestUser as, UUID hub, String content) {
        return push(as, hub, memory(content));
    }

    static ObjectNode memory(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("content", content);
        return body;
    }

    /** Triggers a run of the hub (named in X-Hub-ID, as the Memax SDK does) and returns its id. */
    UUID trigger(TestUser as, UUID hub, String body) {
        JsonNode run = ok(send(as, "POST", "/v1/dreams/trigger", body, "X-Hub-ID", hub.toString()));
        assertThat(run.path("status").asText()).isEqualTo("running");
        return UUID.fromString(run.path("id").asText());
    }

    /** Waits for the run to end and returns it with its first page of actions. */
    JsonNode finished(TestUser as, UUID run) {
        Http.Result result = server.http()
                .getUntil(
                        Duration.ofSeconds(60),
                        "/v1/dreams/" + run + "?limit=100",
                        r -> r.status() == 200
                                && !r.json().at("/data/run/status").asText().equals("running"),
                        "Authorization",
                        as.bearer());
        return result.json().path("data");
    }

    /** The memory row as stored, without the columns that reads move (access counters). */
    String row(UUID memory) {
        return server.database()
                .queryString("SELECT (to_jsonb(m) - 'access_count' - 'accessed_at')::text FROM memories m WHERE id = '"
                        + memory + "'");
    }

    /** The ids recall answers, in its order. */
    List<UUID> recalled(TestUser as, String body) {
        JsonNode data = ok(send(as, "POST", "/v1/recall", body));
        List<UUID> ids = new ArrayList<>();
        data.path("memories").forEach(m -> ids.add(UUID.fromString(m.path("id").asText())));
        return ids;
    }

    /** The actions of one phase in a run's detail ({@link #finished}). */
    static List<JsonNode> phaseActions(JsonNode detail, String phase) {
        List<JsonNode> out = new ArrayList<>();
        detail.path("actions").forEach(a -> {
            if (a.path("phase").asText().equals(phase)) {
                out.add(a);
            }
        });
        return out;
    }

    JsonNode memoryJson(TestUser as, UUID memory) {
        return ok(send(as, "GET", "/v1/memories/" + memory, null));
    }
}
