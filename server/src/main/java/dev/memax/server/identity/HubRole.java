package dev.memax.server.identity;

/** A member's role in a hub, from most to least powerful (docs/architecture.md §5.2). */
public enum HubRole {
    OWNER(4),
    ADMIN(3),
    CONTRIBUTOR(2),
    VIEWER(1);

    private final int rank;

    HubRole(int rank) {
        this.rank = rank;
    }

    public boolean atLeast(HubRole other) {
        return rank >= other.rank;
    }

    public static HubRole fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
