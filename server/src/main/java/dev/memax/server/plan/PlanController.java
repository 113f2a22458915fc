package dev.memax.server.plan;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.PublicRoute;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.stream.IntStream;

/** {@code GET /v1/plans} (public; a bare array, as Memax answers it) and {@code PUT /v1/admin/users/{id}/plan} (admins). */
@Controller("/v1")
public class PlanController {
    private final PlanService plans;

    public PlanController(PlanService plans) {
        this.plans = plans;
    }

    @Introspected
    public record PlanAssignment(@NotBlank String plan) {}

    @PublicRoute
    @Get("/plans")
    public Envelope<List<PlanDefinition>> list() {
        List<Plan> all = plans.list();
        return Envelope.of(IntStream.range(0, all.size())
                .mapToObj(i -> PlanDefinition.of(all.get(i), i))
                .toList());
    }

    @Put("/admin/users/{id}/plan")
    public Envelope<Plan> assign(Caller caller, @PathVariable String id, @Valid @Body PlanAssignment body) {
        return Envelope.of(plans.assign(caller, id, body.plan()));
    }
}
