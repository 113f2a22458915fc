package dev.memax.server.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a running completion to stop (the client went away): the provider registers how to
 * abort its upstream call (close the response body) with {@link #onCancel}.
 */
public final class LlmCancellation {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = List.copyOf(hooks);
            hooks.clear();
        }
        run.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs the hook on cancellation, or at once when already cancelled. */
    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }
}
