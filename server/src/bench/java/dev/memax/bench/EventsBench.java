package dev.memax.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Event delivery under many open streams (docs/benchmarks.md): opens N concurrent
 * {@code GET /v1/events/stream} on one in-process server, commits events into the outbox one at
 * a time (as a service's transaction would), and measures commit → frame-read latency on every
 * stream, plus the JVM's memory with the streams open. Server and clients share the JVM, so the
 * memory figure is an upper bound for the server.
 *
 * <p>{@code bench-events.sh [--streams 5000] [--events 50] [--gap-ms 200] [--warmup 3] [--clients 2]} ({@code --clients}:
 * the threads reading the streams, see {@link SseReaders})
 */
public final class EventsBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int streams = Integer.parseInt(options.getOrDefault("streams", "5000"));
        int events = Integer.parseInt(options.getOrDefault("events", "50"));
        long gapMillis = Long.parseLong(options.getOrDefault("gap-ms", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        // Its own database, so its own deployment identity: a server running on the same Redis is not disturbed.
        BenchEnv env =
                BenchEnv.start(null, Map.of("memax.jobs.enabled", false, "datasources.default.maximum-pool-size", 20));
        try {
            UUID hubId = env.query(
                            "SELECT h.id FROM hubs h JOIN users u ON u.id = h.owner_id "
                                    + "WHERE u.email = 'bench@memax.local' AND h.hub_type = 'personal'",
                            rs -> rs.getObject(1, UUID.class))
                    .orElseThrow();
            gc();
            long heapBefore = heapUsed();
            long rssBefore = rss();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger ready = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicReference<String> firstFailure = new AtomicReference<>();
            AtomicLong received = new AtomicLong();
            CountDownLatch allReady = new CountDownLatch(streams);
            SseReaders readers = new SseReaders(Integer.parseInt(options.getOrDefault("clients", "2")));
            URI streamUri = URI.create(env.baseUrl + "/v1/events/stream");
            long openStarted = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                AtomicBoolean opened = new AtomicBoolean();
                readers.open(
                        streamUri,
                        env.apiKey,
                        line -> {
                            if (line.startsWith("event: ready")) {
                                opened.set(true);
                                ready.incrementAndGet();
                                allReady.countDown();
                            } else if (line.startsWith("data: {\"id\":")) {
                                int at = line.indexOf("\"entity_id\":\"");
                                if (at > 0) {
                                    Long sent = sentAt.get(line.substring(at + 13, at + 49));
                                    if (sent != null) {
                                        latencies.add((System.nanoTime() - sent) / 1e6);
                                        received.incrementAndGet();
                                    }
                                }
                            }
                        },
                        failure -> {
                            // A stream that fails before its ready frame would otherwise hold up the wait below.
                            if (!opened.get()) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, failure);
                                allReady.countDown();
                            }
                        });
                if (i % 200 == 199) {
                    Thread.sleep(20);
                }
            }
            if (!allReady.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
                System.out.printf(
                        "only %d of %d streams opened; %d failed (first: %s)%n",
                        ready.get(), streams, failed.get(), firstFailure.get());
            }
            double openSeconds = (System.nanoTime() - openStarted) / 1e9;
            gc();
            long heapOpen = heapUsed();
            long rssOpen = rss();

            Map<Long, ThreadCpu> cpuBefore;
            try (Connection db = BenchEnv.connect(env.database);
                    PreparedStatement insert =
                            db.prepareStatement("INSERT INTO events (type, hub_id, entity_id, payload) "
                                    + "VALUES ('hub.memories.changed', ?, ?, '{\"action\": \"created\"}')")) {
                // Warm-up events, delivered but not measured: the first fan-out to every stream runs
                // the delivery path cold (interpreted until the JIT compiles it), once per process.
                for (int i = 0; i < warmup; i++) {
                    insert.setObject(1, hubId);
                    insert.setObject(2, UUID.randomUUID());
                    insert.executeUpdate();
                    Thread.sleep(gapMillis);
                }
                cpuBefore = threadCpu();
                for (int i = 0; i < events; i++) {
                    UUID entity = UUID.randomUUID();
                    insert.setObject(1, hubId);
                    insert.setObject(2, entity);
                    insert.executeUpdate();
                    sentAt.put(entity.toString(), System.nanoTime());
                    Thread.sleep(gapMillis);
                }
            }
            long expected = (long) events * ready.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Map<Long, ThreadCpu> cpuAfter = threadCpu();
            Stats stats = new Stats(new ArrayList<>(latencies));
            System.out.printf(
                    "%n## %d streams on one instance, %d events, one every %d ms (after %d warm-up events)%n%n",
                    ready.get(), events, gapMillis, warmup);
            System.out.println(
                    "| streams | events | deliveries | p50 ms | p95 ms | p99 ms | max ms | heap +MiB | RSS MiB | open s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(
                    "| %d | %d | %d/%d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.1f |%n",
                    ready.get(),
                    events,
                    received.get(),
                    expected,
                    stats.percentile(50),
                    stats.percentile(95),
                    stats.percentile(99),
                    stats.percentile(100),
                    (heapOpen - heapBefore) / 1048576.0,
                    rssOpen / 1048576.0,
                    openSeconds);
            System.out.printf(
                    "%n(heap before streams %.0f MiB, RSS before %.0f MiB; heap and RSS include the clients)%n",
                    heapBefore / 1048576.0, rssBefore / 1048576.0);
            System.out.printf(
                    "%nCPU ms per event while events flowed, by thread group (server and clients share the JVM and the cores):%n");
            Map<String, long[]> cpuByGroup = new TreeMap<>();
            cpuAfter.forEach((thread, after) -> {
                ThreadCpu before = cpuBefore.getOrDefault(thread, new ThreadCpu(after.group(), 0, 0));
                long[] sum = cpuByGroup.computeIfAbsent(after.group(), group -> new long[2]);
                sum[0] += after.total() - before.total();
                sum[1] += after.user() - before.user();
            });
            cpuByGroup.forEach((group, nanos) -> System.out.printf(
                    "  %-28s %7.1f (kernel %.1f)%n",
                    group, nanos[0] / 1e6 / events, (nanos[0] - nanos[1]) / 1e6 / events));
            readers.close();
        } finally {
            env.close();
            if (env.database != null) {
                BenchEnv.admin("DROP DATABASE IF EXISTS " + env.database + " WITH (FORCE)");
            }
        }
        System.exit(0);
    }

    private record ThreadCpu(String group, long total, long user) {}

    /**
     * CPU time (nanoseconds) of this JVM's live threads by id, with the role of each: where
     * delivery's cost lies, the server's side (Netty event loops, the bus's dispatch thread) or
     * the clients'.
     */
    private static Map<Long, ThreadCpu> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.put(
                        info.getThreadId(),
                        new ThreadCpu(
                                threadGroup(info.getThreadName()),
                                threads.getThreadCpuTime(info.getThreadId()),
                                threads.getThreadUserTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    private static String threadGroup(String name) {
        // default-eventLoopGroup-* under NIO, default-nioEventLoopGroup-* (sic) under epoll.
        if (name.startsWith("default-") && name.contains("ventLoopGroup-")) {
            return "server: Netty event loops";
        } else if (name.equals("event-dispatch")) {
            return "server: event-dispatch";
        } else if (name.startsWith("io-executor-thread")) {
            return "server: I/O pool";
        } else if (name.startsWith("sse-reader-")) {
            return "clients: SSE readers";
        }
        return "other";
    }

    private static void gc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process (Linux), in bytes. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException ignored) {
            // Not Linux.
        }
        return -1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].startsWith("--")) {
                options.put(args[i].substring(2), args[i + 1]);
            }
        }
        return options;
    }
}
