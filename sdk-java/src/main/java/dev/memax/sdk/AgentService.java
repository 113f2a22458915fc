package dev.memax.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.AgentDisconnected;
import dev.memax.sdk.models.ConnectedAgent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agents connected to the caller's account: {@code /v1/agents}. An agent is known from its
 * API keys' {@code agent_name} and its memories' {@code source_agent}, by its slug
 * ({@code Claude Code} and {@code claude_code} are {@code claude-code}). These routes need an
 * access token or an API key without a hub restriction.
 *
 * <pre>{@code
 * for (ConnectedAgent agent : client.agents().list()) {
 *     System.out.println(agent.displayName() + ": " + agent.memoryCount() + " memories");
 * }
 * client.agents().disconnect("claude-code"); // revokes its keys, keeps its memories
 * }</pre>
 */
public final class AgentService {
    private static final String PATH = "/v1/agents";
    private final Transport transport;

    AgentService(Transport transport) {
        this.transport = transport;
    }

    /** The connected agents, most recently active first. {@code GET /v1/agents}. */
    public List<ConnectedAgent> list() {
        return list(RequestOptions.NONE);
    }

    /** {@link #list()} with per-call options. */
    public List<ConnectedAgent> list(RequestOptions options) {
        JsonNode data = transport
                .send("GET", PATH, Map.of(), null, options, Transport.Auth.REQUIRED)
                .data();
        if (!data.isArray()) {
            throw new MemaxException("GET " + PATH + ": expected an array, got " + data.getNodeType());
        }
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ConnectedAgent.class);
        return List.copyOf(Json.MAPPER.convertValue(data, listType));
    }

    /**
     * Sets an agent's display name and/or icon: null leaves a field as it is, an empty string puts
     * the default back. {@code PATCH /v1/agents/{slug}}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException   the caller has no such agent
     * @throws dev.memax.sdk.errors.ValidationException a display name over 100 or an icon over 64 characters
     */
    public ConnectedAgent update(String slug, String displayName, String icon) {
        return update(slug, displayName, icon, RequestOptions.NONE);
    }

    /** {@link #update(String, String, String)} with per-call options. */
    public ConnectedAgent update(String slug, String displayName, String icon, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (displayName != null) {
            body.put("display_name", displayName);
        }
        if (icon != null) {
            body.put("icon", icon);
        }
        return transport.call("PATCH", path(slug), body, options, Transport.Auth.REQUIRED, ConnectedAgent.class);
    }

    /**
     * Disconnects an agent: revokes every API key with its name; its memories stay. An agent the
     * caller does not have answers {@code disconnected == false} with a {@code not_found} skip.
     * {@code DELETE /v1/agents/{slug}}.
     */
    public AgentDisconnected disconnect(String slug) {
        return disconnect(slug, RequestOptions.NONE);
    }

    /** {@link #disconnect(String)} with per-call options. */
    public AgentDisconnected disconnect(String slug, RequestOptions options) {
        return transport.call("DELETE", path(slug), null, options, Transport.Auth.REQUIRED, AgentDisconnected.class);
    }

    private static String path(String slug) {
        return PATH + "/" + Transport.encode(Objects.requireNonNull(slug, "slug"));
    }
}
