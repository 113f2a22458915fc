package dev.memax.server.identity;

/** A granted access: the hub and the caller's role in it. */
public record HubAccess(Hub hub, HubRole role) {}
