package dev.memax.sdk.models;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/hubs/{id}/summary}: the hub, the caller's role, counts, a few members and the
 * greeting header (the Memax SDK's {@code HubSummary}).
 */
public record HubSummary(Hub hub, HubRole role, Stats stats, List<MemberPreview> membersPreview, Header header) {
    public HubSummary {
        membersPreview = membersPreview == null ? List.of() : List.copyOf(membersPreview);
    }

    /**
     * @param inbox         the caller's open notifications about this hub
     * @param topics        0 until topics exist on the server (likewise {@code pendingReview})
     */
    public record Stats(long memories, long topics, long inbox, long pendingReview, long members) {}

    public record MemberPreview(UUID userId, String userName, String userAvatarUrl) {}

    /**
     * @param state      {@code first_time}, {@code return_after_absence} or {@code clean}
     * @param timeBucket the caller's time of day ({@code morning}, {@code noon}, …)
     */
    public record Header(String state, String greetingKey, Map<String, String> greetingParams, String timeBucket) {}
}
