package dev.memax.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for infra/dev/reliability.sh (docs/reliability.md): clients push memories and read them
 * back for a fixed time while the script breaks something under the server, then every
 * acknowledged push (201) is read back. Counts are kept per phase: the script writes the
 * current phase's name to the phase file. JDK only, so it runs as a source file:
 * {@code java ReliabilityLoad.java URL API_KEY SECONDS CLIENTS PHASE_FILE}. Prints one table.
 */
public final class ReliabilityLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** phase -> "status" (or "conn_error") -> count. */
    private static final Map<String, Map<String, AtomicLong>> COUNTS = new ConcurrentHashMap<>();

    private static final List<String> PHASES = new ArrayList<>();
    private static final Map<UUID, String> ACKNOWLEDGED = new ConcurrentHashMap<>();
    private static volatile String phase = "start";

    private ReliabilityLoad() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        long seconds = Long.parseLong(args[2]);
        int clients = Integer.parseInt(args[3]);
        Path phaseFile = Path.of(args[4]);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread phases = new Thread(() -> {
            while (System.nanoTime() < end) {
                try {
                    String name = Files.readString(phaseFile).strip();
                    if (!name.isEmpty()) {
                        phase = name;
                    }
                    Thread.sleep(50);
                } catch (IOException | InterruptedException ignored) {
                    // keep the last phase
                }
            }
        });
        phases.setDaemon(true);
        phases.start();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> run(base, key, client, end));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int lost = verify(base, key);
        print(lost);
    }

    private static void run(URI base, String key, int client, long end) {
        UUID last = null;
        for (int i = 0; System.nanoTime() < end; i++) {
            String content = "reliability " + client + "-" + i + " " + UUID.randomUUID();
            String pushPhase = phase;
            Response pushed = send(base, key, "POST", "/v1/memories", "{\"content\": \"" + content + "\"}");
            count(pushPhase, pushed);
            if (pushed.status == 201) {
                Matcher id = ID.matcher(pushed.body);
                if (id.find()) {
                    last = UUID.fromString(id.group(1));
                    ACKNOWLEDGED.put(last, content);
                }
            }
            if (last != null) {
                String readPhase = phase;
                count(readPhase, send(base, key, "GET", "/v1/memories/" + last, null));
            }
            if (pushed.status < 0) {
                sleep(100); // the server is down: do not spin
            }
        }
    }

    /** Reads back every acknowledged push (waiting up to a minute for the server); returns how many are missing. */
    private static int verify(URI base, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int lost = 0;
        for (Map.Entry<UUID, String> write : ACKNOWLEDGED.entrySet()) {
            Response read;
            do {
                read = send(base, key, "GET", "/v1/memories/" + write.getKey(), null);
                if (read.status == 200 || read.status == 404 || System.nanoTime() > deadline) {
                    break;
                }
                sleep(200);
            } while (true);
            if (read.status != 200 || !read.body.contains(write.getValue())) {
                lost++;
            }
        }
        return lost;
    }

    private record Response(int status, String body) {}

    private static Response send(URI base, String key, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean bare503 = response.statusCode() == 503
                    && response.headers().firstValue("Retry-After").isEmpty();
            return new Response(bare503 ? -2 : response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "");
        }
    }

    private static void count(String phaseName, Response response) {
        String label = switch (response.status) {
            case -1 -> "conn_error";
            case -2 -> "503_no_retry_after";
            default -> Integer.toString(response.status);
        };
        synchronized (PHASES) {
            if (!PHASES.contains(phaseName)) {
                PHASES.add(phaseName);
            }
        }
        COUNTS.computeIfAbsent(phaseName, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> new AtomicLong())
                .incrementAndGet();
    }

    private static void print(int lost) {
        TreeMap<String, Boolean> labels = new TreeMap<>();
        COUNTS.values().forEach(m -> m.keySet().forEach(l -> labels.put(l, true)));
        StringBuilder header = new StringBuilder(String.format("%-14s %9s", "phase", "requests"));
        labels.keySet().forEach(l -> header.append(String.format(" %10s", l)));
        System.out.println(header);
        Map<String, Long> total = new LinkedHashMap<>();
        for (String name : PHASES) {
            Map<String, AtomicLong> counts = COUNTS.get(name);
            long requests = counts.values().stream().mapToLong(AtomicLong::get).sum();
            StringBuilder row = new StringBuilder(String.format("%-14s %9d", name, requests));
            for (String label : labels.keySet()) {
                long n = counts.containsKey(label) ? counts.get(label).get() : 0;
                row.append(String.format(" %10d", n));
                total.merge(label, n, Long::sum);
            }
            System.out.println(row);
        }
        StringBuilder row = new StringBuilder(String.format(
                "%-14s %9d",
                "total", total.values().stream().mapToLong(Long::longValue).sum()));
        labels.keySet().forEach(l -> row.append(String.format(" %10d", total.get(l))));
        System.out.println(row);
        System.out.printf("acknowledged writes (201): %d, lost after the fault: %d%n", ACKNOWLEDGED.size(), lost);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
