package dev.memax.sdk;

import dev.memax.sdk.models.Plan;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Plans and their limits ({@code /v1/plans}), and moving a user to a plan (admins). */
public final class PlanService {
    private final Transport transport;

    PlanService(Transport transport) {
        this.transport = transport;
    }

    /** Every plan, cheapest first. {@code GET /v1/plans} (public). */
    public List<Plan> list() {
        return list(RequestOptions.NONE);
    }

    /** {@link #list()} with per-call options. */
    public List<Plan> list(RequestOptions options) {
        return transport.list("GET", "/v1/plans", Map.of(), options, Transport.Auth.NONE, "plans", Plan.class);
    }

    /**
     * Puts a user on a plan. {@code PUT /v1/admin/users/{id}/plan}; admins only.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException when the caller is not an admin
     * @throws dev.memax.sdk.errors.ValidationException       when there is no such plan
     */
    public Plan assign(UUID userId, String planId) {
        return assign(userId, planId, RequestOptions.NONE);
    }

    /** {@link #assign(UUID, String)} with per-call options. */
    public Plan assign(UUID userId, String planId, RequestOptions options) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(planId, "planId");
        return transport.call(
                "PUT",
                "/v1/admin/users/" + userId + "/plan",
                Map.of("plan", planId),
                options,
                Transport.Auth.REQUIRED,
                Plan.class);
    }
}
