package dev.memax.sdk;

import dev.memax.sdk.models.DreamAction;
import dev.memax.sdk.models.DreamReport;
import dev.memax.sdk.models.DreamRun;
import dev.memax.sdk.models.DreamRunDetail;
import dev.memax.sdk.models.DreamUsage;
import dev.memax.sdk.params.DreamTriggerParams;
import dev.memax.sdk.params.ListParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Dreams: runs that consolidate a hub's memories, their actions and undo ({@code /v1/dreams}).
 * A trigger the plan does not include is
 * {@link dev.memax.sdk.errors.PermissionDeniedException} ({@code feature_not_in_plan}); a hub
 * already dreaming is {@link dev.memax.sdk.errors.ConflictException} ({@code dream_running}); a
 * hub in its cool-down is {@link dev.memax.sdk.errors.RateLimitException} ({@code dream_cooldown}).
 */
public final class DreamService {
    private static final String PATH = "/v1/dreams";
    private final Transport transport;

    DreamService(Transport transport) {
        this.transport = transport;
    }

    /** Starts a run of every phase over the default hub; answers it running. */
    public DreamRun trigger() {
        return trigger(DreamTriggerParams.DEFAULT, RequestOptions.NONE);
    }

    /** Starts a run as the params say. {@code POST /v1/dreams/trigger}. */
    public DreamRun trigger(DreamTriggerParams params) {
        return trigger(params, RequestOptions.NONE);
    }

    /** {@link #trigger(DreamTriggerParams)} with per-call options. */
    public DreamRun trigger(DreamTriggerParams params, RequestOptions options) {
        DreamTriggerParams p = params == null ? DreamTriggerParams.DEFAULT : params;
        return transport.call("POST", PATH + "/trigger", p.toBody(), options, Transport.Auth.REQUIRED, DreamRun.class);
    }

    /** Runs of every hub the caller reads, newest first. */
    public Page<DreamRun> list() {
        return list(null, ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** Runs of one hub (every readable hub when null), newest first. {@code GET /v1/dreams}. */
    public Page<DreamRun> list(UUID hubId, ListParams params) {
        return list(hubId, params, RequestOptions.NONE);
    }

    /** {@link #list(UUID, ListParams)} with per-call options. */
    public Page<DreamRun> list(UUID hubId, ListParams params, RequestOptions options) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (hubId != null) {
            filters.put("hub_id", hubId.toString());
        }
        return transport.page(PATH, "runs", filters, params, options, DreamRun.class);
    }

    /** A run and the first page of its actions. {@code GET /v1/dreams/{id}}. */
    public DreamRunDetail get(UUID runId) {
        return get(runId, ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** A run and one page of its actions. */
    public DreamRunDetail get(UUID runId, ListParams params, RequestOptions options) {
        ListParams p = params == null ? ListParams.DEFAULT : params;
        return transport.call("GET", PATH + "/" + ApiKeyService.id(runId), p.toQuery(), options, DreamRunDetail.class);
    }

    /** The hub's latest run (the default hub's when null). {@code GET /v1/dreams/report}. */
    public DreamReport report(UUID hubId) {
        return report(hubId, RequestOptions.NONE);
    }

    /** {@link #report(UUID)} with per-call options. */
    public DreamReport report(UUID hubId, RequestOptions options) {
        return transport.call("GET", PATH + "/report", hubQuery(hubId), options, DreamReport.class);
    }

    /** The hub's dreams this period (the default hub's when null). {@code GET /v1/usage/dreams}. */
    public DreamUsage usage(UUID hubId) {
        return usage(hubId, RequestOptions.NONE);
    }

    /** {@link #usage(UUID)} with per-call options. */
    public DreamUsage usage(UUID hubId, RequestOptions options) {
        return transport.call("GET", "/v1/usage/dreams", hubQuery(hubId), options, DreamUsage.class);
    }

    /**
     * Undoes every applied action of the run, all or none. A memory changed since its action is
     * {@link dev.memax.sdk.errors.ConflictException} ({@code dream_undo_conflict}). {@code POST /v1/dreams/{id}/undo}.
     */
    public DreamRun undo(UUID runId) {
        return undo(runId, RequestOptions.NONE);
    }

    /** {@link #undo(UUID)} with per-call options. */
    public DreamRun undo(UUID runId, RequestOptions options) {
        return transport.call(
                "POST",
                PATH + "/" + ApiKeyService.id(runId) + "/undo",
                null,
                options,
                Transport.Auth.REQUIRED,
                DreamRun.class);
    }

    /** Undoes one action. {@code POST /v1/dreams/actions/{id}/undo}. */
    public DreamAction undoAction(UUID actionId) {
        return undoAction(actionId, RequestOptions.NONE);
    }

    /** {@link #undoAction(UUID)} with per-call options. */
    public DreamAction undoAction(UUID actionId, RequestOptions options) {
        return transport.call(
                "POST",
                PATH + "/actions/" + ApiKeyService.id(actionId) + "/undo",
                null,
                options,
                Transport.Auth.REQUIRED,
                DreamAction.class);
    }

    private static Map<String, String> hubQuery(UUID hubId) {
        return hubId == null ? Map.of() : Map.of("hub_id", hubId.toString());
    }
}
