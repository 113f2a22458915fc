package dev.memax.server.notification;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubAccess;
import java.util.UUID;

/**
 * Joins a hub through the invite a {@code hub_invite} notification names: what resolving that
 * notification with {@code accept} does. The hub capability implements it (its invite service);
 * notifications sit below hubs, so they reach the invite rules only through this interface.
 */
public interface InviteAcceptance {

    /** Accepts the pending invite as the caller, in the caller's transaction. */
    HubAccess acceptById(Caller caller, UUID hubId, UUID inviteId);
}
