package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * An active topic in {@code GET /v1/topics}'s tree.
 *
 * @param memoryCount      active memories placed in this topic itself
 * @param totalMemoryCount distinct active memories in this topic and its subtree
 * @param children         its active children, in order
 */
public record TopicTree(@JsonUnwrapped Topic topic, long memoryCount, long totalMemoryCount, List<TopicTree> children) {
    public TopicTree {
        children = children == null ? List.of() : List.copyOf(children);
    }
}
