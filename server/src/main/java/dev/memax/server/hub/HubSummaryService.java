package dev.memax.server.hub;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.notification.NotificationRepository;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/hubs/{id}/summary} and {@code POST /v1/hubs/{id}/visit}, shaped as the Memax
 * SDK's {@code HubSummary}: the hub, the caller's role, counts, a few members and the header the
 * Memax app greets with (chosen from the caller's last visit and local time).
 */
@Singleton
public class HubSummaryService {
    /** Members shown in {@code members_preview}. */
    static final int PREVIEW_MEMBERS = 5;
    /** A member away longer than this is greeted as returning. */
    static final Duration ABSENCE = Duration.ofDays(7);

    private final AccessPolicy policy;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final NotificationRepository notifications;

    public HubSummaryService(
            AccessPolicy policy,
            HubRepository hubs,
            HubMemberRepository members,
            NotificationRepository notifications) {
        this.policy = policy;
        this.hubs = hubs;
        this.members = members;
        this.notifications = notifications;
    }

    /**
     * @param topics        the hub's active topics
     * @param pendingReview dreams' reviews: always 0 until dreams exist
     * @param inbox         the caller's open notifications about this hub
     * @param members       how many members the hub has
     */
    public record Stats(long memories, long topics, long inbox, long pendingReview, long members) {}

    public record MemberPreview(UUID userId, String userName, String userAvatarUrl) {}

    /** The greeting: {@code state} first_time | return_after_absence | clean, a greeting key and the local time of day. */
    public record Header(String state, String greetingKey, Map<String, String> greetingParams, String timeBucket) {}

    public record Summary(Hub hub, HubRole role, Stats stats, List<MemberPreview> membersPreview, Header header) {}

    public record Visited(String status, UUID hubId, Instant visitedAt) {}

    /** @param timeZone the client's {@code X-Timezone} (an IANA zone); UTC when absent or unknown */
    public Summary summary(Caller caller, String hubId, String timeZone) {
        HubAccess access = policy.authorize(caller, hubId, HubAction.READ);
        UUID id = access.hub().id();
        Instant now = Now.instant();
        long memories = hubs.memoryCounts(List.of(id)).getOrDefault(id, 0L);
        long inbox = notifications.countOpen(caller.userId(), id);
        List<UUID> memberIds = members.userIds(id);
        List<MemberPreview> preview = members.listAfter(id, null, null, PREVIEW_MEMBERS).stream()
                .map(m -> new MemberPreview(m.userId(), m.name(), ""))
                .toList();
        Instant visited = members.visitedAt(id, caller.userId()).orElse(null);
        String bucket = timeBucket(now, timeZone);
        String state = visited == null
                ? "first_time"
                : visited.isBefore(now.minus(ABSENCE)) ? "return_after_absence" : "clean";
        return new Summary(
                access.hub(),
                access.role(),
                new Stats(memories, hubs.activeTopicCount(id), inbox, 0, memberIds.size()),
                preview,
                new Header(
                        state,
                        greetingKey(state, bucket),
                        Map.of("hub_name", access.hub().name()),
                        bucket));
    }

    /** Records that the caller opened the hub now (its next summary greets accordingly). */
    public Visited visit(Caller caller, String hubId) {
        HubAccess access = policy.authorize(caller, hubId, HubAction.READ);
        Instant now = Now.instant();
        members.markVisited(access.hub().id(), caller.userId(), now);
        return new Visited("ok", access.hub().id(), now);
    }

    static String timeBucket(Instant now, String timeZone) {
        ZoneId zone = ZoneOffset.UTC;
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                zone = ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
        }
        int hour = now.atZone(zone).getHour();
        if (hour < 5) {
            return "deep-night";
        } else if (hour < 11) {
            return "morning";
        } else if (hour < 13) {
            return "noon";
        } else if (hour < 17) {
            return "afternoon";
        } else if (hour < 21) {
            return "evening";
        }
        return "late-night";
    }

    /** One of the Memax app's greeting keys (its {@code HubGreetingKey} values). */
    static String greetingKey(String state, String bucket) {
        if ("first_time".equals(state)) {
            return "firstTimeA";
        }
        if ("return_after_absence".equals(state)) {
            return "returnAfterAbsenceA";
        }
        return switch (bucket) {
            case "morning" -> "morningCleanA";
            case "noon" -> "timeNoonA";
            case "afternoon" -> "afternoonCleanA";
            case "evening" -> "timeEveningA";
            default -> "deepNightCleanA";
        };
    }
}
