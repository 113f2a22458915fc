package dev.memax.server.notification;

import java.util.List;

/** What a notification is about, and the actions that resolve it. */
public enum NotificationKind {
    /** An invite to a hub, sent to the email of an existing user: accept joins the hub. */
    HUB_INVITE("hub_invite", List.of("accept", "decline")),
    /** The user was added to a hub, removed from it, or given another role there. */
    MEMBERSHIP_CHANGED("membership_changed", List.of("acknowledge")),
    /** A monthly quota crossed an alert threshold. */
    QUOTA_ALERT("quota_alert", List.of("acknowledge"));

    private final String wireName;
    private final List<String> actions;

    NotificationKind(String wireName, List<String> actions) {
        this.wireName = wireName;
        this.actions = actions;
    }

    public List<String> actions() {
        return actions;
    }

    public static NotificationKind fromWire(String value) {
        for (NotificationKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown notification kind " + value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
