package dev.memax.server.access;

import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.Scope;
import java.util.UUID;

/**
 * Everything a caller can do inside a hub, with the least role and the key scope it takes
 * (docs/architecture.md §5.2: viewers read; contributors write their own memories; admins manage members
 * and everything in the hub; owners also delete and transfer it).
 */
public enum HubAction {
    READ(HubRole.VIEWER, Scope.READ),
    /** Create memories and change one's own. */
    WRITE(HubRole.CONTRIBUTOR, Scope.WRITE),
    /** Change or delete anyone's content in the hub. */
    MODERATE(HubRole.ADMIN, Scope.WRITE),
    UPDATE_HUB(HubRole.ADMIN, Scope.WRITE),
    MANAGE_MEMBERS(HubRole.ADMIN, Scope.WRITE),
    MANAGE_INVITES(HubRole.ADMIN, Scope.WRITE),
    /** List a hub's invites: admin work, but only a read. */
    VIEW_INVITES(HubRole.ADMIN, Scope.READ),
    /** Any member may leave (the last owner is stopped by the hub service). */
    LEAVE(HubRole.VIEWER, Scope.WRITE),
    DELETE_HUB(HubRole.OWNER, Scope.WRITE),
    TRANSFER_OWNERSHIP(HubRole.OWNER, Scope.WRITE),
    /**
     * Accept or cancel a pending ownership offer: any member may reach the offer; who may act on
     * it is decided by {@link AccessPolicy#requireOfferedUser} / {@link AccessPolicy#requireOwnerOrOfferedUser}.
     */
    RESPOND_TO_TRANSFER(HubRole.VIEWER, Scope.WRITE);

    private final HubRole minimumRole;
    private final Scope scope;

    HubAction(HubRole minimumRole, Scope scope) {
        this.minimumRole = minimumRole;
        this.scope = scope;
    }

    /** Changing something in a hub: one's own takes {@link #WRITE}, another member's {@link #MODERATE}. */
    public static HubAction toChange(UUID callerId, UUID ownerId) {
        return callerId.equals(ownerId) ? WRITE : MODERATE;
    }

    public HubRole minimumRole() {
        return minimumRole;
    }

    public Scope scope() {
        return scope;
    }
}
