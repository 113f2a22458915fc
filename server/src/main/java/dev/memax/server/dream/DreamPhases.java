package dev.memax.server.dream;

import dev.memax.server.platform.ApiException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every phase bean, in execution order: what a run may ask for. */
@Singleton
public class DreamPhases {
    private final List<DreamPhase> all;

    public DreamPhases(List<DreamPhase> phases) {
        this.all = phases.stream()
                .sorted(Comparator.comparingInt(DreamPhase::getOrder))
                .toList();
    }

    public List<String> names() {
        return all.stream().map(DreamPhase::name).toList();
    }

    /**
     * The requested phases in execution order, all of them when none are named
     * ({@code validation_failed} on {@code phases} for an unknown name).
     */
    List<String> requested(List<String> names) {
        if (names == null || names.isEmpty()) {
            return names();
        }
        for (String name : names) {
            if (name == null || !names().contains(name)) {
                throw ApiException.invalidFields(
                        Map.of("phases", "each must be one of: " + String.join(", ", names())));
            }
        }
        return names().stream().filter(names::contains).toList();
    }

    /** The phase of this name (an action's {@code phase}). */
    DreamPhase named(String name) {
        return all.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No dream phase " + name));
    }

    /** The phases of {@code requested} that come after {@code lastFinished} (all when null). */
    List<DreamPhase> after(List<String> requested, String lastFinished) {
        List<DreamPhase> out = new ArrayList<>();
        boolean started = lastFinished == null;
        for (DreamPhase phase : all) {
            if (started && requested.contains(phase.name())) {
                out.add(phase);
            }
            if (phase.name().equals(lastFinished)) {
                started = true;
            }
        }
        return out;
    }
}
