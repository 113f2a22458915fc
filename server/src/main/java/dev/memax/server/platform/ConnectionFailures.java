package dev.memax.server.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a lost or unobtainable PostgreSQL connection (a backend terminated by
 * {@code pg_terminate_backend}, a restart, a failover, a pool that cannot connect) among the
 * causes of an exception, and reacts to one: the pooled connections are evicted, since a
 * restart or failover has killed all of them, not just the one that noticed.
 *
 * <p>Callers: {@link ConnectionLossRetry} re-runs a transaction that failed this way once;
 * {@link UnexpectedErrorHandler} answers 503 {@code service_unavailable} with {@code Retry-After}
 * for what still fails, never 500.
 */
@Singleton
public class ConnectionFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFailures.class);
    /** 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** What the pool's proxy throws (without a SQLState) once it has marked its connection broken. */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final DataSource dataSource;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();
    private final Counter retried;
    private final Counter unavailable;

    public ConnectionFailures(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.retried = Counter.builder("memax.db.connection.failures")
                .tag("outcome", "retried")
                .description(
                        "Transactions that lost their PostgreSQL connection: retried on a fresh one, or answered 503")
                .register(meters);
        this.unavailable = Counter.builder("memax.db.connection.failures")
                .tag("outcome", "unavailable")
                .description(
                        "Transactions that lost their PostgreSQL connection: retried on a fresh one, or answered 503")
                .register(meters);
    }

    /** Counts a transaction re-run after losing its connection. */
    void retried() {
        retried.increment();
    }

    /** Counts a request answered 503 because of a connection failure. */
    void unavailable() {
        unavailable.increment();
    }

    /**
     * Whether {@code error} (or one of its causes or suppressed exceptions) says the connection
     * to PostgreSQL was lost or could not be had: SQLState class 08 (connection exception), a
     * server shutting the backend down (57P0x), or the pool timing out waiting for a connection.
     */
    public static boolean isConnectionFailure(Throwable error) {
        return find(error, new IdentityHashMap<>());
    }

    /** Whether the pool gave up waiting for a connection (PostgreSQL unreachable or every connection busy): waiting again would only double the wait. */
    public static boolean isPoolTimeout(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static boolean find(Throwable error, Map<Throwable, Boolean> seen) {
        if (error == null || seen.put(error, Boolean.TRUE) != null) {
            return false;
        }
        if (error instanceof SQLTransientConnectionException) {
            return true;
        }
        if (error instanceof SQLException sql
                && (sql.getSQLState() == null
                        ? HIKARI_CLOSED.equals(sql.getMessage())
                        : sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
            return true;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (find(suppressed, seen)) {
                return true;
            }
        }
        return find(error.getCause(), seen);
    }

    /**
     * Reacts to a connection failure: evicts the pool's connections (idle ones at once, busy ones
     * when returned), so that a retry gets a new one, and logs a warning at most every 30 seconds.
     */
    public void connectionLost(Throwable error, String what) {
        long now = System.nanoTime();
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
        long logged = lastLog.get();
        if (now - logged >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(logged, now)) {
            long others = unlogged.getAndSet(0);
            LOG.warn(
                    "PostgreSQL connection lost ({}): {}; pooled connections evicted{}",
                    rootMessage(error),
                    what,
                    others > 0 ? " (" + others + " more since the last warning)" : "");
        } else {
            unlogged.incrementAndGet();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
