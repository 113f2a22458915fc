package dev.memax.server.event;

/** The event names of the stream (docs/architecture.md §5.9), as the Memax API names them. */
public enum EventType {
    MEMORIES_CHANGED("hub.memories.changed"),
    TOPICS_CHANGED("hub.topics.changed"),
    DREAMS_CHANGED("hub.dreams.changed"),
    MEMBERS_CHANGED("hub.members.changed"),
    HUB_LIST_CHANGED("hub.list.changed"),
    NOTIFICATION_CREATED("notification.created"),
    NOTIFICATION_UPDATED("notification.updated"),
    NOTIFICATION_RESOLVED("notification.resolved"),
    KEY_CHANGED("key.changed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
