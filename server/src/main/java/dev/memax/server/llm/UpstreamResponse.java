package dev.memax.server.llm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One streamed HTTP response, read line by line on the calling thread with a deadline per read.
 * The client's threads only queue what arrives (status, lines, the end or a failure); the
 * caller waits on the queue with a timeout, so no timer thread is needed and {@link #abort}
 * (cancellation, a timeout) wakes it at once and drops the connection.
 */
final class UpstreamResponse implements Flow.Subscriber<String> {
    private static final Object END = new Object();
    private static final Object ABORTED = new Object();
    private final LinkedBlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Void>> exchange;
    private volatile Flow.Subscription subscription;
    private volatile boolean aborted;
    private HttpHeaders headers;

    /** The wait for the status or the next line ran past its deadline. */
    static final class DeadlinePassed extends IOException {}

    private record Head(int status, HttpHeaders headers) {}

    private record Failure(Throwable error) {}

    private UpstreamResponse(HttpClient http, HttpRequest request) {
        exchange = http.sendAsync(request, info -> {
            arrivals.add(new Head(info.statusCode(), info.headers()));
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        });
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                arrivals.add(new Failure(error));
            }
        });
    }

    static UpstreamResponse send(HttpClient http, HttpRequest request) {
        return new UpstreamResponse(http, request);
    }

    /** Waits for the status line and headers. */
    int awaitStatus(long deadlineNanos) throws IOException {
        Object first = take(deadlineNanos);
        if (first instanceof Head head) {
            headers = head.headers();
            return head.status();
        }
        throw failure(first);
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The next line of the body (without its line end), null at its end. */
    String nextLine(long deadlineNanos) throws IOException {
        Object next = take(deadlineNanos);
        if (next instanceof String line) {
            return line;
        }
        if (next == END) {
            arrivals.add(END);
            return null;
        }
        throw failure(next);
    }

    /**
     * Reads what follows the answer's last event up to the body's end; false when the end does
     * not come by the deadline or the body fails (the caller then drops the connection).
     */
    boolean awaitEnd(long deadlineNanos) {
        try {
            while (nextLine(deadlineNanos) != null) {
                // Blank lines or comments after the end marker: nothing to read.
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Drops the connection and wakes a waiting reader. */
    void abort() {
        aborted = true;
        exchange.cancel(true);
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        arrivals.add(ABORTED);
    }

    private Object take(long deadlineNanos) throws IOException {
        try {
            Object next = arrivals.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new DeadlinePassed();
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new IOException("interrupted", e);
        }
    }

    private IOException failure(Object arrival) {
        if (arrival == ABORTED || aborted) {
            arrivals.add(ABORTED);
            return new IOException("aborted");
        }
        if (arrival instanceof Failure failure) {
            Throwable error = failure.error() instanceof CompletionException
                            && failure.error().getCause() != null
                    ? failure.error().getCause()
                    : failure.error();
            return error instanceof IOException io ? io : new IOException(error);
        }
        return new IOException("the response ended before its headers");
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (aborted) {
            subscription.cancel();
        } else {
            // Answers are bounded by max_tokens: no need to pace the upstream.
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        arrivals.add(line);
    }

    @Override
    public void onError(Throwable error) {
        arrivals.add(new Failure(error));
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }
}
