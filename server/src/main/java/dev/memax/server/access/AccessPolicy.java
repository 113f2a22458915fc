package dev.memax.server.access;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one authorization decision: (caller, hub, action) → allowed, or the error to answer.
 * Every service asks here; nothing else compares roles or scopes. The order of checks is the
 * contract: a hub the caller cannot see is {@code not_found} (its existence is never
 * revealed), then a missing key scope or too-low role is {@code forbidden}.
 */
@Singleton
public class AccessPolicy {
    private final HubRepository hubs;
    private final HubMemberRepository members;

    public AccessPolicy(HubRepository hubs, HubMemberRepository members) {
        this.hubs = hubs;
        this.members = members;
    }

    /** Allows the action or throws {@code not_found} / {@code forbidden}. */
    public HubAccess authorize(Caller caller, UUID hubId, HubAction action) {
        HubAccess access = visible(caller, hubId).orElseThrow(() -> ApiException.notFound("Hub"));
        requireScope(caller, action.scope());
        if (!access.role().atLeast(action.minimumRole())) {
            throw ApiException.forbidden("Your role in this hub (" + access.role() + ") does not allow this");
        }
        return access;
    }

    /** Same as {@link #authorize} for an id the client sent as text. */
    public HubAccess authorize(Caller caller, String hubId, HubAction action) {
        return authorize(caller, Ids.parseOrNotFound(hubId, "Hub"), action);
    }

    /** Whether the action would be allowed, without throwing. */
    public boolean allows(Caller caller, UUID hubId, HubAction action) {
        return visible(caller, hubId)
                .filter(a -> caller.has(action.scope()) && a.role().atLeast(action.minimumRole()))
                .isPresent();
    }

    /** The hub and the caller's role, if the caller may see it at all. */
    public Optional<HubAccess> visible(Caller caller, UUID hubId) {
        if (!caller.mayReach(hubId)) {
            return Optional.empty();
        }
        Optional<HubRole> role = members.findRole(hubId, caller.userId());
        if (role.isEmpty()) {
            return Optional.empty();
        }
        return hubs.findById(hubId).map(hub -> new HubAccess(hub, role.get()));
    }

    /** Hubs the caller may read: its memberships, narrowed by the key's hub restriction. */
    public List<UUID> readableHubIds(Caller caller) {
        requireScope(caller, Scope.READ);
        return hubs.memberHubIds(caller.userId()).stream()
                .filter(caller::mayReach)
                .toList();
    }

    /** For actions outside any hub (create a hub, manage one's keys): the key must carry the scope. */
    public void requireScope(Caller caller, Scope scope) {
        if (!caller.has(scope)) {
            throw ApiException.forbidden("This credential lacks the " + scope + " scope");
        }
    }

    /** Account-level actions (creating hubs, managing API keys) are refused to hub-restricted keys. */
    public void requireUnrestricted(Caller caller, Scope scope) {
        requireScope(caller, scope);
        if (caller.hubRestriction() != null) {
            throw ApiException.forbidden("A hub-restricted API key cannot do this");
        }
    }

    /**
     * Whether the actor (already authorized for {@link HubAction#MANAGE_MEMBERS}) may change or
     * remove a member holding {@code targetRole}: admins manage non-owner members, only an owner
     * touches an owner.
     */
    public void requireMayManageMember(HubAccess actor, HubRole targetRole) {
        if (targetRole == HubRole.OWNER && actor.role() != HubRole.OWNER) {
            throw ApiException.forbidden("Only an owner can change or remove an owner");
        }
    }

    /**
     * A role that members, invites and role changes may grant: anything but {@code owner},
     * which only moves by an ownership transfer ({@code validation_failed} on {@code field}).
     */
    public HubRole requireAssignable(HubRole role, String field) {
        if (role == HubRole.OWNER) {
            throw ApiException.invalidField(field, "owner is never assigned directly: transfer ownership instead");
        }
        return role;
    }

    /** Only the user an ownership offer names may accept it. */
    public void requireOfferedUser(Caller caller, UUID offeredUserId) {
        if (!caller.userId().equals(offeredUserId)) {
            throw ApiException.forbidden("Only the user this ownership transfer was offered to can accept it");
        }
    }

    /** A pending ownership offer may be withdrawn by an owner or declined by the user it names. */
    public void requireOwnerOrOfferedUser(Caller caller, HubAccess access, UUID offeredUserId) {
        if (access.role() != HubRole.OWNER && !caller.userId().equals(offeredUserId)) {
            throw ApiException.forbidden("Only an owner or the offered user can cancel an ownership transfer");
        }
    }

    /**
     * The hub a write goes to (docs/architecture.md §5.2): the one named by {@code X-Hub-ID} or the body's
     * {@code hub_id}, else the caller's personal hub; a key restricted to exactly one hub
     * defaults to that hub.
     */
    public HubAccess writeTarget(Caller caller, String requestedHubId, HubAction action) {
        if (requestedHubId != null && !requestedHubId.isBlank()) {
            return authorize(caller, requestedHubId.trim(), action);
        }
        if (caller.hubRestriction() != null && caller.hubRestriction().size() == 1) {
            return authorize(caller, caller.hubRestriction().iterator().next(), action);
        }
        Hub personal = hubs.findPersonal(caller.userId())
                .orElseThrow(() -> ApiException.invalidField("hub_id", "no personal hub: name a hub with X-Hub-ID"));
        if (!caller.mayReach(personal.id())) {
            throw ApiException.invalidField(
                    "hub_id", "this API key is restricted to other hubs: name one with X-Hub-ID");
        }
        return authorize(caller, personal.id(), action);
    }
}
