package dev.memax.server.platform;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Function;

/**
 * Re-runs an outermost transaction once, on a fresh connection, when it failed because its
 * PostgreSQL connection was lost (a terminated backend, a restart, a failover) before it asked
 * to commit. Both ways of opening a transaction are covered: {@code @Transactional} methods
 * (so every {@link Db} call made outside a transaction too) and {@code TransactionOperations}
 * through {@link Transactions} ({@code executeWrite}/{@code executeRead}). Reads and writes alike: a transaction that never
 * reached COMMIT changed nothing, so running it again is safe.
 *
 * <p>Not retried: a failure inside an enclosing transaction (the enclosing one is retried as a
 * whole), a second failure, a failure while committing (whether the commit happened is
 * unknown: a retry could write twice), and the pool timing out (waiting again would double the
 * wait). Those reach {@link UnexpectedErrorHandler}, which answers 503
 * {@code service_unavailable} with {@code Retry-After}. A transaction that committed but whose
 * connection died as it was handed back returns its result: the work is done.
 */
@Singleton
public class ConnectionLossRetry {
    /** The outermost transaction on this thread: whether it began to commit, committed, and its result. */
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private final ConnectionFailures failures;

    public ConnectionLossRetry(ConnectionFailures failures) {
        this.failures = failures;
    }

    /** One run of the outermost transaction. */
    public static final class Attempt {
        private boolean watched;
        private boolean committing;
        private boolean committed;
        private Object result;

        /** The transaction's result, returned if only handing its connection back fails. */
        public void result(Object value) {
            result = value;
        }

        /** Called inside the transaction, once: notes when it commits. */
        public void watch(TransactionStatus<?> status) {
            watched = true;
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    committing = true;
                }

                @Override
                public void afterCommit() {
                    committed = true;
                }
            });
        }
    }

    /** Whether a transaction is being run by {@link #run} on this thread (then nested ones join it). */
    public static boolean inAttempt() {
        return CURRENT.get() != null;
    }

    /** Runs {@code body} (which opens the outermost transaction and watches it), retrying once as described above. */
    @SuppressWarnings("unchecked")
    public <R> R run(Function<Attempt, R> body) {
        try {
            for (int number = 1; ; number++) {
                Attempt attempt = new Attempt();
                CURRENT.set(attempt);
                try {
                    R result = body.apply(attempt);
                    return result;
                } catch (RuntimeException e) {
                    if (!ConnectionFailures.isConnectionFailure(e)) {
                        throw e;
                    }
                    if (attempt.committed) {
                        // Committed; only handing the dead connection back (restoring its settings) failed.
                        failures.connectionLost(e, "after commit, the result stands");
                        return (R) attempt.result;
                    }
                    boolean retry = number == 1 && !attempt.committing && !ConnectionFailures.isPoolTimeout(e);
                    failures.connectionLost(
                            e,
                            retry
                                    ? "retrying on a fresh connection"
                                    : attempt.committing ? "lost while committing, not retried" : "not retried");
                    if (!retry) {
                        throw e;
                    }
                    failures.retried();
                }
            }
        } finally {
            CURRENT.remove();
        }
    }

    /** For {@code @Transactional}: runs outside the transaction interceptor, so each attempt is a transaction of its own. */
    @Singleton
    @InterceptorBean(Transactional.class)
    public static class Outer implements MethodInterceptor<Object, Object> {
        private final TransactionOperations<Connection> transactions;
        private final ConnectionLossRetry retry;

        public Outer(@Named("default") TransactionOperations<Connection> transactions, ConnectionLossRetry retry) {
            this.transactions = transactions;
            this.retry = retry;
        }

        @Override
        public int getOrder() {
            return InterceptPhase.RETRY.getPosition();
        }

        @Override
        public Object intercept(MethodInvocationContext<Object, Object> context) {
            if (inAttempt() || transactions.findTransactionStatus().isPresent()) {
                return context.proceed();
            }
            // proceed(this) restarts the chain after this interceptor: the transaction interceptor again.
            return retry.run(attempt -> context.proceed(this));
        }
    }

    /** For {@code @Transactional}: runs inside the transaction interceptor, where the transaction exists. */
    @Singleton
    @InterceptorBean(Transactional.class)
    public static class Inner implements MethodInterceptor<Object, Object> {
        private final TransactionOperations<Connection> transactions;

        public Inner(@Named("default") TransactionOperations<Connection> transactions) {
            this.transactions = transactions;
        }

        @Override
        public int getOrder() {
            return InterceptPhase.TRANSACTION.getPosition() + 10;
        }

        @Override
        public Object intercept(MethodInvocationContext<Object, Object> context) {
            Attempt attempt = CURRENT.get();
            if (attempt == null || attempt.watched) {
                return context.proceed();
            }
            transactions.findTransactionStatus().ifPresent(attempt::watch);
            Object result = context.proceed();
            attempt.result(result);
            return result;
        }
    }
}
