package dev.memax.server.notification;

import java.util.List;

/** What a notification is about, and the actions that resolve it. */
public enum NotificationKind {
    /** An invite to a hub, sent to the email of an existing user: accept joins the hub. */
    HUB_INVITE("hub_invite", List.of("accept", "decline")),
    /** The user was added to a hub, removed from it, or given another role there. */
    MEMBERSHIP_CHANGED("membership_changed", List.of("acknowledge")),
    /** A monthly quota crossed an alert threshold. */
    QUOTA_ALERT("quota_alert", List.of("acknowledge")),
    /**
     * Steps to take, as {@code data.items} (the Memax SDK's {@code ChecklistPayload}): each is
     * viewed and completed on its own; completing the last of {@code data.required_ids} resolves
     * the notification ({@code applied_auto}). Dismissing resolves it with the steps left undone.
     */
    CHECKLIST("checklist", List.of("dismiss"));

    /**
     * Kinds that ask the user to decide, which only their own resolve may close: Memax's
     * decision kinds (the SDK's {@code NEEDS_ACTION_KINDS}) and ours. Bulk routes refuse them.
     */
    public static final java.util.Set<String> DECISIONS = java.util.Set.of("hub_invite", "hub_ownership_transfer",
            "review_contradiction", "review_topic_merge", "review_topic_restructure", "review_stale",
            "review_low_confidence", "checklist");

    /** Receipts: every kind the user only acknowledges. */
    public static List<String> receipts() {
        return java.util.Arrays.stream(values()).map(NotificationKind::toString)
                .filter(kind -> !DECISIONS.contains(kind)).toList();
    }

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
