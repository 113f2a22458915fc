package dev.memax.server.plan;

import dev.memax.server.auth.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans and which one a user is on. A user's plan is read on every limited request, so it is
 * remembered for {@link #CACHE_NANOS}: a plan change made on another instance applies there
 * within that time (on this one, at once).
 */
@Singleton
public class PlanService {
    static final long CACHE_NANOS = 30_000_000_000L;
    private final PlanRepository plans;
    private final Map<UUID, Cached> byUser = new ConcurrentHashMap<>();

    private record Cached(Plan plan, long at) {
    }

    public PlanService(PlanRepository plans) {
        this.plans = plans;
    }

    /** {@code GET /v1/plans}: every plan, cheapest first. */
    public List<Plan> list() {
        return plans.all();
    }

    /** The plan of a user (recently read). */
    public Plan planOf(UUID userId) {
        long now = System.nanoTime();
        Cached cached = byUser.get(userId);
        if (cached != null && now - cached.at() < CACHE_NANOS) {
            return cached.plan();
        }
        Plan plan = plans.ofUser(userId).orElseThrow(() -> ApiException.notFound("User"));
        byUser.put(userId, new Cached(plan, now));
        return plan;
    }

    /** {@code PUT /v1/admin/users/{id}/plan}: an admin moves a user to another plan. */
    public Plan assign(Caller caller, String userId, String planId) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Only an admin can change a user's plan");
        }
        UUID user = Ids.parseOrNotFound(userId, "User");
        String id = planId == null ? "" : planId.strip();
        Plan plan = plans.find(id).orElseThrow(() -> ApiException.invalidFields(Map.of("plan",
                "must be one of: " + String.join(", ", plans.all().stream().map(Plan::id).toList()))));
        if (!plans.assign(user, plan.id())) {
            throw ApiException.notFound("User");
        }
        byUser.remove(user);
        return plan;
    }
}
