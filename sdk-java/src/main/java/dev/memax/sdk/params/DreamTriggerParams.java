package dev.memax.sdk.params;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a dream trigger asks for; every field is optional.
 *
 * @param hubId  the hub (else the call's or client's {@code X-Hub-ID}, else the personal hub)
 * @param phases the phases to run (all when null)
 * @param dryRun record what the run would do and change nothing
 */
public record DreamTriggerParams(UUID hubId, List<String> phases, Boolean dryRun) {
    /** Every phase over the default hub. */
    public static final DreamTriggerParams DEFAULT = new DreamTriggerParams(null, null, null);

    public DreamTriggerParams {
        phases = phases == null ? null : List.copyOf(phases);
    }

    /** The JSON body these params send. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (hubId != null) {
            body.put("hub_id", hubId.toString());
        }
        if (phases != null) {
            body.put("phases", phases);
        }
        if (dryRun != null) {
            body.put("dry_run", dryRun);
        }
        return body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DreamTriggerParams}. */
    public static final class Builder {
        private UUID hubId;
        private List<String> phases;
        private Boolean dryRun;

        private Builder() {}

        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        public Builder phases(String... phases) {
            this.phases = List.of(phases);
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public DreamTriggerParams build() {
            return new DreamTriggerParams(hubId, phases, dryRun);
        }
    }
}
