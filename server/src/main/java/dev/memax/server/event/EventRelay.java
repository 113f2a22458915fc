package dev.memax.server.event;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay: exactly one per cluster publishes events. Every instance runs this loop; the
 * one holding a PostgreSQL advisory lock (on a connection of its own, so the lock dies with the
 * connection) numbers committed rows ({@link EventRepository#publishBatch}) and hands them to
 * the {@link EventBus}; the others retry the lock every second. A commit that inserted events
 * wakes it through {@code NOTIFY memax_events} (migration V8); a short poll covers rows whose
 * publication waits for an older transaction to end.
 */
@Singleton
public class EventRelay {
    /** Advisory lock key: "memax-ev" in ASCII. */
    static final long LOCK_KEY = 0x6d656d61782d6576L;

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final int BATCH = 500;
    private final DataSource dataSource;
    private final EventRepository repository;
    private final EventBus bus;
    private final EventSettings settings;
    private volatile boolean running = true;
    private volatile boolean leader;
    private Thread thread;

    public EventRelay(DataSource dataSource, EventRepository repository, EventBus bus, EventSettings settings) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.repository = repository;
        this.bus = bus;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        thread = new Thread(this::run, "event-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this instance is the relay right now. */
    public boolean leader() {
        return leader;
    }

    private void run() {
        while (running) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                if (tryLock(connection)) {
                    leader = true;
                    LOG.info("This instance is now the event relay");
                    relay(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Event relay: {}", e.toString());
                }
            } finally {
                release(connection);
            }
            if (running) {
                sleep(1000);
            }
        }
    }

    /**
     * A standby's connection goes back to the pool; the leader's is closed for good, which ends
     * its session and so its lock and LISTEN (a pooled session would keep holding them).
     */
    private void release(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (leader && dataSource instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            } else if (leader) {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock_all(); UNLISTEN *");
                }
                connection.close();
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Event relay: closing its connection failed: {}", e.toString());
        } finally {
            leader = false;
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void relay(Connection connection) throws SQLException {
        // A fresh id per term as relay: messages of an earlier term (or of a copy of this
        // database relaying elsewhere) are then told apart from this one's.
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN memax_events");
        }
        String relayId = java.util.UUID.randomUUID().toString();
        repository.claimRelay(connection, relayId);
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long fastPoll = 20;
        long slowPoll = Math.max(fastPoll, settings.relayPoll().toMillis());
        while (running) {
            List<PublishedEvent> batch = repository.publishBatch(connection, BATCH);
            if (!batch.isEmpty()) {
                bus.publish(relayId, batch);
                if (batch.size() == BATCH) {
                    continue;
                }
            }
            boolean waiting = repository.hasUnpublished(connection);
            connection.commit();
            // Blocks until a NOTIFY arrives or the timeout passes.
            notifications.getNotifications((int) (waiting ? fastPoll : slowPoll));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (thread != null) {
            // The loop notices within one poll interval and releases its connection and lock.
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
