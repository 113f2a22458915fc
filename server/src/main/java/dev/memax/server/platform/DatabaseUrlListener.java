package dev.memax.server.platform;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Turns a {@code postgres://} DATABASE_URL into the JDBC URL and credentials Hikari needs. */
@Singleton
public class DatabaseUrlListener implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        DatabaseUrl parsed = DatabaseUrl.parse(config.getUrl());
        config.setUrl(parsed.jdbcUrl());
        config.setJdbcUrl(parsed.jdbcUrl());
        if (parsed.username() != null) {
            config.setUsername(parsed.username());
        }
        if (parsed.password() != null) {
            config.setPassword(parsed.password());
        }
        return config;
    }
}
