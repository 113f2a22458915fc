package dev.memax.sdk;

import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every callback of an event subscription, in order, with the thread it came on. */
class RecordingListener implements EventListener {
    record Reconnect(MemaxException cause, Duration delay, int attempt, long atNanos) {}

    final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    final List<ServerEvent> readies = new CopyOnWriteArrayList<>();
    final List<Reconnect> reconnects = new CopyOnWriteArrayList<>();
    final List<MemaxException> errors = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void onEvent(ServerEvent event) {
        record("event " + event.type() + (event.id() == null ? "" : " " + event.id()));
        events.add(event);
    }

    @Override
    public void onReady(ServerEvent ready) {
        record("ready");
        readies.add(ready);
    }

    @Override
    public void onReconnecting(MemaxException cause, Duration delay, int attempt) {
        record("reconnecting " + attempt);
        reconnects.add(new Reconnect(cause, delay, attempt, System.nanoTime()));
    }

    @Override
    public void onError(MemaxException error) {
        record("error " + error.getClass().getSimpleName());
        errors.add(error);
    }

    @Override
    public void onClosed() {
        record("closed");
        closed.countDown();
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }

    /** The next event, waiting up to 5 s. */
    ServerEvent next() throws InterruptedException {
        ServerEvent event = events.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event came; calls so far: " + calls);
        }
        return event;
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
