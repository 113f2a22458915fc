package dev.memax.server.identity;

public enum HubType {
    PERSONAL,
    TEAM;

    public static HubType fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
