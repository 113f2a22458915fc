package dev.memax.server.event;

import dev.memax.server.platform.DependencyCheck;
import dev.memax.server.platform.ReadinessCheck;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event delivery's entry in {@code /health/ready}: {@code up}, or {@code degraded} while streams
 * here get events only from the table tail (the bus has lagged behind the table for several
 * tails, or it is not subscribed to Redis); its details say where the bus and the table stand.
 * Streams still receive every event meanwhile, later, so it never makes the server unready.
 */
@Singleton
public class EventDeliveryReadiness implements ReadinessCheck {
    private final EventBus bus;

    public EventDeliveryReadiness(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public DependencyCheck check() {
        EventBus.DeliveryState state = bus.state();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("position", Long.toString(state.position()));
        details.put("table_latest", Long.toString(state.tableLatest()));
        details.put("lag", Long.toString(state.lag()));
        String error = null;
        if (state.lagging()) {
            error = "event delivery is " + state.lag() + " events behind the table";
        } else if (state.redisConfigured() && !state.subscribed()) {
            error = "not subscribed to Redis: events arrive through the table tail";
        }
        String status = error == null ? DependencyCheck.UP : DependencyCheck.DEGRADED;
        return new DependencyCheck(status, null, error, state.redisConfigured() ? "redis" : "table", details);
    }
}
