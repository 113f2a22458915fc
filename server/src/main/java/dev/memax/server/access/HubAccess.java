package dev.memax.server.access;

import dev.memax.server.hub.Hub;
import dev.memax.server.hub.HubRole;

/** A granted access: the hub and the caller's role in it. */
public record HubAccess(Hub hub, HubRole role) {
}
