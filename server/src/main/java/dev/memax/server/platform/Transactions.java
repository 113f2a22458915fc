package dev.memax.server.platform;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Optional;

/**
 * Programmatic transactions ({@code executeWrite}, {@code executeRead}): the data source's own
 * {@code TransactionOperations}, with {@link ConnectionLossRetry} around an outermost one, so a
 * transaction that lost its connection before committing is run again on a fresh one. Inject
 * this rather than {@code TransactionOperations<Connection>}.
 */
@Singleton
public class Transactions implements TransactionOperations<Connection> {
    private final TransactionOperations<Connection> delegate;
    private final ConnectionLossRetry retry;

    public Transactions(@Named("default") TransactionOperations<Connection> delegate, ConnectionLossRetry retry) {
        this.delegate = delegate;
        this.retry = retry;
    }

    @Override
    public Connection getConnection() {
        return delegate.getConnection();
    }

    @Override
    public boolean hasConnection() {
        return delegate.hasConnection();
    }

    @Override
    public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
        return delegate.findTransactionStatus();
    }

    @Override
    public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
        if (ConnectionLossRetry.inAttempt() || delegate.findTransactionStatus().isPresent()) {
            return delegate.execute(definition, callback);
        }
        return retry.run(attempt -> delegate.execute(definition, status -> {
            attempt.watch(status);
            R result = callback.apply(status);
            attempt.result(result);
            return result;
        }));
    }
}
