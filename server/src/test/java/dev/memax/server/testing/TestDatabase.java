package dev.memax.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh, empty database for one test class (pgvector comes from the template), dropped afterwards. */
public final class TestDatabase implements AutoCloseable {
    private final TestServices services;
    private final String name;
    private final String jdbcUrl;

    private TestDatabase(TestServices services, String name) {
        this.services = services;
        this.name = name;
        this.jdbcUrl = services.adminJdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public static TestDatabase create(TestServices services) {
        String name =
                "memax_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        services.admin("CREATE DATABASE " + name);
        return new TestDatabase(services, name);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Runs SQL directly against this database (for setting up states no API can reach, e.g. expiry). */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, services.dbUser, services.dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long queryLong(String sql) {
        return Long.parseLong(queryString(sql));
    }

    /** The first column of the first row, as text (null for SQL NULL). */
    public String queryString(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, services.dbUser, services.dbPassword);
                Statement statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        services.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
