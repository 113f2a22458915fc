package dev.memax.server.usage;

import dev.memax.server.identity.Caller;
import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import dev.memax.server.plan.Plan;
import dev.memax.server.plan.PlanService;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage against the plan (docs/architecture.md §5.8): monthly quotas charged atomically, the memory and
 * storage limits, alert thresholds, and {@code GET /v1/usage}.
 *
 * <p>Charges made inside a write's transaction (pushes) are undone with it, so a failed write
 * costs nothing; a recall is charged before it runs, so concurrent recalls cannot pass the quota.
 * Crossing an alert threshold ({@code memax.usage.alert-thresholds}, default 50, 80, 95 percent)
 * is recorded once per threshold, metric and period in {@code usage_alerts} and listed by
 * {@code GET /v1/usage}.
 */
@Singleton
public class UsageService {
    private static final Logger LOG = LoggerFactory.getLogger(UsageService.class);
    private final UsageRepository usage;
    private final PlanService plans;
    private final List<Integer> thresholds;
    private final Notifications notifications;
    private final Transactions transactions;

    public UsageService(
            UsageRepository usage,
            PlanService plans,
            @Value("${memax.usage.alert-thresholds:50,80,95}") List<Integer> thresholds,
            Notifications notifications,
            Transactions transactions) {
        this.notifications = notifications;
        this.transactions = transactions;
        this.usage = usage;
        this.plans = plans;
        this.thresholds = thresholds.stream()
                .filter(t -> t > 0 && t <= 100)
                .sorted()
                .distinct()
                .toList();
    }

    /**
     * Counts {@code n} of the metric for the user this period, or throws {@code quota_exceeded}
     * (402, details {@code metric, limit, used, resets_at}) without counting anything.
     */
    public void charge(UUID userId, UsageMetric metric, long n) {
        if (n <= 0) {
            return;
        }
        Instant now = Now.instant();
        UsagePeriod period = UsagePeriod.of(now);
        Long quota = metric.quotaOf(plans.planOf(userId));
        OptionalLong used = quota != null && n > quota
                ? OptionalLong.empty()
                : usage.charge(userId, period.firstDay(), metric, n, quota);
        if (used.isEmpty()) {
            throw exceeded(
                    metric.wireName(),
                    quota,
                    usage.used(userId, period.firstDay(), metric),
                    period,
                    "The plan's monthly " + metric.wireName() + " quota is used up");
        }
        if (quota != null) {
            recordAlerts(userId, period, metric, used.getAsLong() - n, used.getAsLong(), quota, now);
        }
    }

    /** Gives back a charge whose work did not happen (an ask whose model failed). */
    public void refund(UUID userId, UsageMetric metric, long n) {
        if (n > 0) {
            usage.refund(userId, UsagePeriod.of(Now.instant()).firstDay(), metric, n);
        }
    }

    /** Longest client name kept by {@link #attribute}. */
    static final int MAX_SOURCE = 64;

    /**
     * Attributes one recall or ask to the client that made it: the request's {@code source} (Memax's
     * meaning: cli, sdk, mcp, …), lowercased and cut to {@value #MAX_SOURCE} characters; none is not counted.
     */
    public void attribute(UUID userId, UsageMetric metric, String source) {
        if (source == null || source.isBlank()) {
            return;
        }
        String name = source.strip().toLowerCase(java.util.Locale.ROOT);
        usage.addSourceUse(
                userId,
                UsagePeriod.of(Now.instant()).firstDay(),
                metric,
                name.length() > MAX_SOURCE ? name.substring(0, MAX_SOURCE) : name);
    }

    /** Records one answer's tokens and estimated cost under its model ({@code extractive} included). */
    public void recordLlmUse(UUID userId, String model, long inputTokens, long outputTokens, long costMicroUsd) {
        usage.addLlmUse(
                userId,
                UsagePeriod.of(Now.instant()).firstDay(),
                new UsageRepository.LlmUse(model, 1, inputTokens, outputTokens, costMicroUsd));
    }

    /**
     * Throws {@code quota_exceeded} when what the user owns passes the plan's memory or storage
     * limit. Call it inside the write's transaction, after a write that added {@code memoriesAdded}
     * memories and {@code bytesAdded} content bytes: the usage row the write updated stays locked
     * until commit, so concurrent writes of the user are checked one after the other.
     */
    public void requireOwnedWithinLimits(UUID ownerId, long memoriesAdded, long bytesAdded) {
        Plan plan = plans.planOf(ownerId);
        boolean memoriesLimited = memoriesAdded > 0 && plan.memoryLimit() != null;
        boolean storageLimited = bytesAdded > 0 && plan.storageBytes() != null;
        if (!memoriesLimited && !storageLimited) {
            return;
        }
        UsageRepository.Totals totals = usage.totals(ownerId);
        if (memoriesLimited && totals.memories() > plan.memoryLimit()) {
            throw exceeded(
                    "memories",
                    plan.memoryLimit(),
                    totals.memories() - memoriesAdded,
                    null,
                    "The plan's limit of " + plan.memoryLimit() + " memories is reached");
        }
        if (storageLimited && totals.contentBytes() > plan.storageBytes()) {
            throw exceeded(
                    "storage_bytes",
                    plan.storageBytes(),
                    totals.contentBytes() - bytesAdded,
                    null,
                    "The plan's storage of " + plan.storageBytes() + " bytes would be exceeded");
        }
    }

    /** A metric's use against its limit (null: unlimited). */
    public record Meter(long used, Long limit) {}

    /** One model's answers this period; {@code costUsd} is estimated from the configured prices. */
    public record ModelUse(String model, long asks, long inputTokens, long outputTokens, double costUsd) {}

    /**
     * {@code GET /v1/usage}: the Memax fields ({@code user_id}, {@code push_count}, {@code recall_count},
     * {@code ask_count}, {@code plan} as the plan's id, {@code plan_display_name}, {@code limits}; docs/architecture.md §5.12)
     * beside this server's richer ones ({@code plan_details}, {@code usage} meters, {@code alerts},
     * {@code models}: ask's use of each model this period; {@code by_source}: recalls and asks by the
     * {@code source} the client named, e.g. {@code {"recalls": {"sdk": 3}}}).
     */
    public record Usage(
            UUID userId,
            String plan,
            String planDisplayName,
            Instant periodStart,
            Instant periodEnd,
            long pushCount,
            long recallCount,
            long askCount,
            Limits limits,
            Plan planDetails,
            Map<String, Meter> usage,
            List<UsageRepository.Alert> alerts,
            List<ModelUse> models,
            Map<String, Map<String, Long>> bySource) {}

    /**
     * The plan's limits as the Memax SDK's {@code UserLimits} reads them: {@code -1} is unlimited
     * (Memax's convention; {@code plan_details} keeps this server's {@code null}).
     */
    public record Limits(
            String planId,
            String planDisplayName,
            long memoryLimit,
            long pushLimit,
            long recallLimit,
            long askLimit,
            String askModel,
            boolean dreamsEnabled,
            boolean reviewInbox,
            long maxTeamHubs,
            int rateLimitRpm,
            int rateLimitHeavyRpm,
            int rateLimitLightRpm) {
        static final long UNLIMITED = -1;

        static Limits of(Plan plan) {
            // Asks use the deployment's default model ("auto"); the review inbox comes with dreams; team hubs are not
            // limited.
            return new Limits(
                    plan.id(),
                    plan.name(),
                    or(plan.memoryLimit()),
                    or(plan.monthlyPushes()),
                    or(plan.monthlyRecalls()),
                    or(plan.monthlyAsks()),
                    "auto",
                    plan.dreams(),
                    plan.dreams(),
                    UNLIMITED,
                    plan.regularPerMinute(),
                    plan.heavyPerMinute(),
                    plan.lightPerMinute());
        }

        private static long or(Long limit) {
            return limit == null ? UNLIMITED : limit;
        }
    }

    public Usage usage(Caller caller) {
        Plan plan = plans.planOf(caller.userId());
        UsagePeriod period = UsagePeriod.of(Now.instant());
        Map<String, Long> counters = usage.counters(caller.userId(), period.firstDay());
        UsageRepository.Totals totals = usage.totals(caller.userId());
        Map<String, Meter> meters = new LinkedHashMap<>();
        meters.put("memories", new Meter(totals.memories(), plan.memoryLimit()));
        meters.put("storage_bytes", new Meter(totals.contentBytes(), plan.storageBytes()));
        for (UsageMetric metric : UsageMetric.values()) {
            meters.put(
                    metric.wireName(), new Meter(counters.getOrDefault(metric.wireName(), 0L), metric.quotaOf(plan)));
        }
        List<ModelUse> models = usage.llmUse(caller.userId(), period.firstDay()).stream()
                .map(u -> new ModelUse(u.model(), u.asks(), u.inputTokens(), u.outputTokens(), u.costMicroUsd() / 1e6))
                .toList();
        return new Usage(
                caller.userId(),
                plan.id(),
                plan.name(),
                period.start(),
                period.end(),
                meters.get(UsageMetric.PUSHES.wireName()).used(),
                meters.get(UsageMetric.RECALLS.wireName()).used(),
                meters.get(UsageMetric.ASKS.wireName()).used(),
                Limits.of(plan),
                plan,
                meters,
                usage.alerts(caller.userId(), period.firstDay()),
                models,
                usage.sourceUse(caller.userId(), period.firstDay()));
    }

    private void recordAlerts(
            UUID userId, UsagePeriod period, UsageMetric metric, long before, long after, long quota, Instant now) {
        for (int threshold : thresholds) {
            // Crossed by this charge: below the threshold before, at or above it after.
            if (before * 100 < threshold * quota
                    && after * 100 >= threshold * quota
                    && alert(userId, period, metric, threshold, after, quota, now)) {
                LOG.info(
                        "User {} reached {}% of the monthly {} quota ({} of {})",
                        userId, threshold, metric.wireName(), after, quota);
            }
        }
    }

    /**
     * Records the alert and, the first time, notifies the user; in the charge's transaction when
     * there is one (a push's alert goes if the push is undone), else in its own.
     */
    private boolean alert(
            UUID userId, UsagePeriod period, UsageMetric metric, int threshold, long used, long quota, Instant now) {
        return transactions.executeWrite(status -> {
            if (!usage.recordAlert(userId, period.firstDay(), metric, threshold, used, quota, now)) {
                return false;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("metric", metric.wireName());
            data.put("threshold", threshold);
            data.put("used", used);
            data.put("quota", quota);
            data.put("period_start", period.start().toString());
            notifications.create(
                    userId,
                    null,
                    null,
                    NotificationKind.QUOTA_ALERT,
                    "You have used " + threshold + "% of your monthly " + metric.wireName() + " quota",
                    used + " of " + quota + " this period",
                    data);
            return true;
        });
    }

    private static ApiException exceeded(String metric, long limit, long used, UsagePeriod period, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("metric", metric);
        details.put("limit", limit);
        details.put("used", used);
        details.put("resets_at", period == null ? null : period.end().toString());
        return new ApiException(ErrorCode.QUOTA_EXCEEDED, message, details);
    }
}
