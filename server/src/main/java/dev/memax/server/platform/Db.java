package dev.memax.server.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * Plain SQL with positional arguments, for repositories. Each call joins the caller's
 * transaction or runs in its own. Arguments: UUID, String, numbers, booleans, Instant,
 * {@link Json} (jsonb), {@code Collection<UUID>} (uuid[]), {@code Collection<String>} (text[]), null.
 */
@Singleton
public class Db {
    private final JdbcOperations jdbc;

    public Db(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A JSON document bound as {@code jsonb}. */
    public record Json(String text) {}

    @Transactional
    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        });
    }

    @Transactional
    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> rows = list(sql, row, args);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** INSERT/UPDATE/DELETE; returns the number of rows changed. */
    @Transactional
    public int update(String sql, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            return statement.executeUpdate();
        });
    }

    /**
     * One statement for each row of arguments, sent as one JDBC batch (a single round trip);
     * returns each row's count of rows changed. The JDBC URL must not set
     * {@code reWriteBatchedInserts}: it folds the rows into one INSERT and the counts are lost.
     */
    @Transactional
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.prepareStatement(sql, statement -> {
            for (Object[] args : rows) {
                bind(statement, args);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    @Transactional
    public long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                statement.setNull(index, Types.NULL);
            } else if (arg instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else if (arg instanceof Json json) {
                PGobject object = new PGobject();
                object.setType("jsonb");
                object.setValue(json.text());
                statement.setObject(index, object);
            } else if (arg instanceof Collection<?> collection) {
                statement.setArray(index, array(statement, collection));
            } else if (arg instanceof Enum<?> value) {
                statement.setString(index, value.toString());
            } else {
                statement.setObject(index, arg);
            }
        }
    }

    private static Array array(PreparedStatement statement, Collection<?> values) throws SQLException {
        boolean uuids = !values.isEmpty() && values.iterator().next() instanceof UUID;
        return statement.getConnection().createArrayOf(uuids ? "uuid" : "text", values.toArray());
    }

    /** Reads a timestamptz column as an Instant (null stays null). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** Reads a uuid[] column (null stays null). */
    public static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : List.of((UUID[]) array.getArray());
    }

    /** Reads a timestamptz[] column as instants (empty for NULL). */
    public static List<Instant> instants(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        List<Instant> out = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            if (value instanceof Timestamp timestamp) {
                out.add(timestamp.toInstant());
            } else if (value instanceof java.time.OffsetDateTime odt) {
                out.add(odt.toInstant());
            }
        }
        return List.copyOf(out);
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
