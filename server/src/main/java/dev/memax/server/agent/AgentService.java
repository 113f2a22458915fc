package dev.memax.server.agent;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.auth.ApiKeyService;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/agents}: the agents connected to the caller's account (the Memax SDK's
 * {@code agents} resource). An agent exists through its API keys ({@code agent_name}) and the
 * memories it wrote ({@code source_agent}); the user may name it, give it an icon, or
 * disconnect it, which revokes its keys and keeps its memories (they are the user's). Agents
 * belong to the account, so these routes take a credential not restricted to some hubs.
 */
@Singleton
public class AgentService {
    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_ICON = 64;
    private final AccessPolicy policy;
    private final AgentRepository agents;
    private final ApiKeyService keys;

    public AgentService(AccessPolicy policy, AgentRepository agents, ApiKeyService keys) {
        this.policy = policy;
        this.agents = agents;
        this.keys = keys;
    }

    /** What {@code DELETE /v1/agents/{slug}} did (the SDK's {@code DisconnectAgentResult}). */
    public record Disconnected(boolean disconnected, int keysRevoked, int configsTombstoned, List<Skipped> skipped) {}

    /** Why nothing was disconnected: {@code not_found} (no such agent of the caller's). */
    public record Skipped(String id, String reason) {}

    public List<ConnectedAgent> list(Caller caller) {
        policy.requireUnrestricted(caller, Scope.READ);
        return agents.list(caller.userId(), policy.readableHubIds(caller), Now.instant());
    }

    @Transactional
    public ConnectedAgent update(Caller caller, String slug, AgentRequests.Update request) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        Map<String, String> errors = new LinkedHashMap<>();
        String displayName = request == null || request.displayName() == null
                ? null
                : request.displayName().strip();
        String icon = request == null || request.icon() == null
                ? null
                : request.icon().strip();
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            errors.put("display_name", "must be at most " + MAX_DISPLAY_NAME + " characters (empty: the default)");
        }
        if (icon != null && icon.length() > MAX_ICON) {
            errors.put("icon", "must be at most " + MAX_ICON + " characters (empty: none)");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        String agent = existing(caller, slug);
        agents.update(caller.userId(), agent, displayName, icon, Now.instant());
        return find(caller, agent);
    }

    /**
     * Revokes the agent's keys and hides it until it connects again (a new key or memory). An
     * agent the caller does not have answers {@code disconnected: false} with a {@code not_found}
     * skip, as the SDK expects: the user's goal (no such agent) is already met.
     */
    @Transactional
    public Disconnected disconnect(Caller caller, String slug) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        String agent = AgentSlugs.of(slug);
        if (agent == null
                || agents.find(caller.userId(), policy.readableHubIds(caller), agent, Now.instant())
                        .isEmpty()) {
            return new Disconnected(false, 0, 0, List.of(new Skipped(slug, "not_found")));
        }
        int revoked = keys.revokeAgentKeys(caller.userId(), agent);
        agents.disconnect(caller.userId(), agent, Now.instant());
        return new Disconnected(true, revoked, 0, List.of());
    }

    /** The agent's slug if the caller has it, else {@code not_found}. */
    private String existing(Caller caller, String slug) {
        String agent = AgentSlugs.of(slug);
        if (agent == null) {
            throw ApiException.notFound("Agent");
        }
        find(caller, agent);
        return agent;
    }

    private ConnectedAgent find(Caller caller, String agent) {
        Instant now = Now.instant();
        List<UUID> hubs = policy.readableHubIds(caller);
        return agents.find(caller.userId(), hubs, agent, now).orElseThrow(() -> ApiException.notFound("Agent"));
    }
}
