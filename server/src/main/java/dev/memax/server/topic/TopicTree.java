package dev.memax.server.topic;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * An active topic with its active children, as the Memax SDK's {@code TopicTree}.
 *
 * @param memoryCount      active memories placed in this topic itself
 * @param totalMemoryCount distinct active memories in this topic and its subtree (what a {@code topic_id} filter selects)
 */
public record TopicTree(@JsonUnwrapped Topic topic, long memoryCount, long totalMemoryCount, List<TopicTree> children) {

    /** {@code GET /v1/topics}: the roots, and the hub's active memories in no active topic. */
    public record Listing(List<TopicTree> topics, long unassignedCount) {}
}
