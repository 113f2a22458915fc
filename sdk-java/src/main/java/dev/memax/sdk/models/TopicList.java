package dev.memax.sdk.models;

import java.util.List;

/**
 * {@code GET /v1/topics}: the hub's active topic tree.
 *
 * @param topics          the top-level topics, each with its subtree
 * @param unassignedCount the hub's active memories in no active topic
 */
public record TopicList(List<TopicTree> topics, long unassignedCount) {
    public TopicList {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
