package dev.memax.sdk.models;

/** The scopes an API key or access token can carry. */
public final class Scopes {
    /** Read memories, hubs and everything else the user can see. */
    public static final String READ = "memax:read";
    /** Create, change and delete. */
    public static final String WRITE = "memax:write";

    private Scopes() {}
}
