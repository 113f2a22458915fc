package dev.memax.server.notification;

import java.util.List;

/** What a notification is about, and the actions that resolve it. */
public enum NotificationKind {
    /** An invite to a hub, sent to the email of an existing user: accept joins the hub. */
    HUB_INVITE("hub_invite", List.of("accept", "decline"), "hub_invite", "invite_id"),
    /** The user was added to a hub, removed from it, or given another role there. */
    MEMBERSHIP_CHANGED("membership_changed", List.of("acknowledge"), "hub_membership", "hub_id"),
    /** A monthly quota crossed an alert threshold. */
    QUOTA_ALERT("quota_alert", List.of("acknowledge"), "usage_quota", null),
    /**
     * Steps to take, as {@code data.items} (the Memax SDK's {@code ChecklistPayload}): each is
     * viewed and completed on its own; completing the last of {@code data.required_ids} resolves
     * the notification ({@code applied_auto}). Dismissing resolves it with the steps left undone.
     */
    CHECKLIST("checklist", List.of("dismiss"), "hub_setup", "hub_id"),
    /** Password sign-in to the account was paused after a burst of failed attempts (README "Security"). */
    LOGIN_THROTTLED("login_throttled", List.of("acknowledge"), "account_security", null),
    /**
     * A dream flagged two memories that contradict each other (the Memax SDK's
     * {@code ReviewContradictionPayload}: {@code memory_a}, {@code memory_b}, {@code similarity},
     * {@code reason}); answering changes the memories as a dream action ({@code data.action_id}
     * is the flag's).
     */
    REVIEW_CONTRADICTION(
            "review_contradiction", List.of("keep_a", "keep_b", "keep_both", "merge"), "dream_action", "action_id");

    /**
     * Kinds that ask the user to decide, which only their own resolve may close: Memax's
     * decision kinds (the SDK's {@code NEEDS_ACTION_KINDS}) and ours. Bulk routes refuse them.
     */
    public static final java.util.Set<String> DECISIONS = java.util.Set.of(
            "hub_invite",
            "hub_ownership_transfer",
            "review_contradiction",
            "review_topic_merge",
            "review_topic_restructure",
            "review_stale",
            "review_low_confidence",
            "checklist");

    /** Receipts: every kind the user only acknowledges. */
    public static List<String> receipts() {
        return java.util.Arrays.stream(values())
                .map(NotificationKind::toString)
                .filter(kind -> !DECISIONS.contains(kind))
                .toList();
    }

    /**
     * Every kind the Memax SDK 0.7.0 knows ({@code NOTIFICATION_KINDS}) and ours: the summary's
     * {@code by_kind} lists each, 0 included, so SDK clients read any kind without a null check.
     */
    public static final List<String> SUMMARY_KINDS = List.of(
            "hub_invite",
            "membership_changed",
            "quota_alert",
            "checklist",
            "review_contradiction",
            "review_topic_merge",
            "review_topic_restructure",
            "review_stale",
            "review_low_confidence",
            "hub_ownership_transfer",
            "dream_run_completed",
            "hub_member_joined",
            "hub_invite_accepted",
            "hub_invite_declined",
            "hub_invite_declined_by_you",
            "hub_ownership_transferred",
            "hub_over_limit",
            "hub_frozen",
            "hub_restored",
            "system_notice",
            "gift_invite_link",
            "digest",
            "login_throttled");

    private final String wireName;
    private final List<String> actions;
    private final String sourceKind;
    private final String sourceField;

    /**
     * @param sourceKind  what caused it (Memax's {@code source_kind})
     * @param sourceField the {@code data} field naming that cause's id (Memax's {@code source_id}), or null
     */
    NotificationKind(String wireName, List<String> actions, String sourceKind, String sourceField) {
        this.wireName = wireName;
        this.actions = actions;
        this.sourceKind = sourceKind;
        this.sourceField = sourceField;
    }

    public String sourceKind() {
        return sourceKind;
    }

    String sourceField() {
        return sourceField;
    }

    /** Memax's {@code priority}: decisions (higher) before receipts. */
    public int priority() {
        return DECISIONS.contains(wireName) ? 1 : 0;
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
