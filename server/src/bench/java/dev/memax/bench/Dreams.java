package dev.memax.bench;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.RequestOptions;
import dev.memax.sdk.models.DreamAction;
import dev.memax.sdk.models.DreamRun;
import dev.memax.sdk.models.DreamRunDetail;
import dev.memax.sdk.params.DreamTriggerParams;
import dev.memax.sdk.params.ListParams;
import java.util.ArrayList;
import java.util.List;

/** Dream runs through the SDK, for the benchmarks that judge what a run did. */
final class Dreams {
    private Dreams() {}

    /** Triggers a run and waits until it has finished; fails unless it completed. */
    static DreamRun run(MemaxClient client, DreamTriggerParams params) throws InterruptedException {
        DreamRun run = client.dreams().trigger(params);
        while (run.running()) {
            Thread.sleep(200);
            run = client.dreams().get(run.id()).run();
        }
        if (!"completed".equals(run.status())) {
            throw new IllegalStateException("dream run " + run.id() + " ended " + run.status());
        }
        return run;
    }

    /** Every action of a run, page by page. */
    static List<DreamAction> actions(MemaxClient client, DreamRun run) {
        List<DreamAction> actions = new ArrayList<>();
        String cursor = null;
        do {
            DreamRunDetail page = client.dreams()
                    .get(
                            run.id(),
                            ListParams.builder().limit(100).cursor(cursor).build(),
                            RequestOptions.NONE);
            actions.addAll(page.actions());
            cursor = page.hasMore() ? page.nextCursor() : null;
        } while (cursor != null);
        return actions;
    }
}
