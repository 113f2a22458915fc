package dev.memax.server.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans and which one a user is on. A user's plan is read on every limited request, so it is
 * remembered for {@link #CACHE_TTL} (at most {@link #CACHE_USERS} users): a plan change made on
 * another instance applies there within that time (on this one, at once).
 */
@Singleton
public class PlanService {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final int CACHE_USERS = 100_000;
    private final PlanRepository plans;
    private final Cache<UUID, Plan> byUser = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(CACHE_USERS)
            .build();

    public PlanService(PlanRepository plans) {
        this.plans = plans;
    }

    /** {@code GET /v1/plans}: every plan, cheapest first. */
    public List<Plan> list() {
        return plans.all();
    }

    /** The plan of a user (recently read). */
    public Plan planOf(UUID userId) {
        return byUser.get(userId, id -> plans.ofUser(id).orElseThrow(() -> ApiException.notFound("User")));
    }

    /** {@code PUT /v1/admin/users/{id}/plan}: an admin moves a user to another plan. */
    public Plan assign(Caller caller, String userId, String planId) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Only an admin can change a user's plan");
        }
        UUID user = Ids.parseOrNotFound(userId, "User");
        String id = planId == null ? "" : planId.strip();
        Plan plan = plans.find(id)
                .orElseThrow(() -> ApiException.invalidFields(Map.of(
                        "plan",
                        "must be one of: "
                                + String.join(
                                        ", ", plans.all().stream().map(Plan::id).toList()))));
        if (!plans.assign(user, plan.id())) {
            throw ApiException.notFound("User");
        }
        byUser.invalidate(user);
        return plan;
    }
}
