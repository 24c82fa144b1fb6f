package dev.governor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * Database is the one SQLite file behind Governor: WAL, foreign keys on, migrations applied at
 * open. Writes go through one path that commits queued work together, so concurrent requests never
 * fight over SQLite's single writer lock; reads run in parallel and never block writes.
 * <p>
 * About 300 lines because the write path — the queue, the turn, the group's transaction, each
 * write's savepoint, the rollback hooks — is one protocol, and DatabaseTest and DurabilityTest test it whole.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** Most pieces of work one transaction commits. */
    static final int MAX_GROUP = 256;

    private final ReentrantLock writer = new ReentrantLock();
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Path file;
    private final List<Runnable> rollbackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The writer's own connection, kept between turns with its compiled statements; used only holding the turn. */
    private Handle writerHandle;

    private Database(Path file, HikariDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        TextColumns.register(jdbi);
    }

    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + file, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the write-ahead log is synced to disk at every commit, so a decision answered 2xx
        // survives a power cut or an OS crash too (NORMAL survives only the process being killed).
        // Group commit makes that one fsync per group of queued writes, not one per request.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        pool.setDataSourceProperties(sqlite.toProperties());
        pool.setMaximumPoolSize(8);
        pool.setPoolName("governor-sqlite");
        HikariDataSource dataSource = new HikariDataSource(pool);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new Database(file, dataSource);
    }

    /** An instant as Governor stores it: fixed-width UTC text, so it sorts and compares as text. */
    public static String text(java.time.Instant instant) {
        return TextColumns.INSTANT.format(instant);
    }

    public Path file() {
        return file;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs one piece of write work and returns once it is committed. Writers take turns (SQLite has
     * one writer): whoever holds the turn commits every piece queued so far in one transaction, and a
     * failing piece is rolled back alone (group commit). Nobody gets an answer before the transaction
     * holding their work has committed.
     *
     * <p>The work may run more than once, so it must only write through the handle and fill its own
     * locals, and publish anything else after this returns: a group is first run without savepoints, and
     * only when one of its pieces fails is it rolled back whole and run again with a savepoint per piece.
     *
     * <p>A writer that finds the turn taken sleeps until its work is committed or the turn is handed
     * to it: whoever leaves the turn wakes the oldest writer still queued. Nobody polls. (The first
     * version woke every waiter each millisecond and threw a timeout each time: under 32 concurrent
     * proposals that was a third of the CPU.) An interrupt does not abandon the wait, because the work
     * may already be in a transaction; the caller learns what happened to it and the interrupt is kept.
     */
    public <R> R write(HandleCallback<R, ? extends RuntimeException> work) {
        PendingWrite<R> pending = new PendingWrite<>(work, Thread.currentThread());
        queue.add(pending);
        boolean interrupted = false;
        while (!pending.result.isDone()) {
            if (writer.tryLock()) {
                try {
                    commitQueued(pending);
                } finally {
                    writer.unlock();
                }
                PendingWrite<?> next = queue.peek();
                if (next != null) {
                    // queued after this turn's last look at the queue, and asleep: its turn now
                    LockSupport.unpark(next.waiter);
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return pending.result.getNow(null);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    /**
     * Commits the queued work in groups until {@code own} is committed, then leaves the turn to the
     * next writer queued, so no writer's answer, committed long since, waits behind other requests'
     * groups (figures: docs/BENCHMARKS.md, "Why the engine's constants are what they are").
     */
    private void commitQueued(PendingWrite<?> own) {
        List<PendingWrite<?>> batch = new ArrayList<>();
        while (!own.result.isDone() && queue.drainTo(batch, MAX_GROUP) > 0) {
            try {
                List<Object> results = together(batch);
                if (results == null) {
                    results = eachInItsSavepoint(batch);
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(results.get(i));
                }
            } catch (RuntimeException | Error failure) {
                // nobody queued in this batch may be left waiting, whatever broke the transaction;
                // the next turn starts on a fresh connection
                rolledBack();
                closeWriterHandle();
                batch.forEach(pending -> pending.fail(failure));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Runs every piece in one transaction without savepoints: the results, or null when a piece failed
     * and the transaction was rolled back; a lone piece's failure is its result. Savepoints are what
     * made the group commit dear: SQLite copies every page a piece touches into the sub-journal, per
     * savepoint, and past 64 KiB into a temporary file. Pieces rarely fail, since requests are validated
     * first.
     */
    private List<Object> together(List<PendingWrite<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            writerHandle().useTransaction(handle -> {
                for (PendingWrite<?> pending : batch) {
                    try {
                        results.add(pending.work.withHandle(handle));
                    } catch (RuntimeException failure) {
                        throw new PieceFailed(failure);
                    }
                }
            });
            return results;
        } catch (PieceFailed failed) {
            rolledBack();
            return batch.size() == 1 ? List.of(failed.getCause()) : null;
        }
    }

    /** Runs every piece in one transaction, each in its own savepoint so a failing piece is rolled back alone. */
    private List<Object> eachInItsSavepoint(List<PendingWrite<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        writerHandle().useTransaction(handle -> {
            for (PendingWrite<?> pending : batch) {
                // plain SQL: Jdbi forgets a savepoint once it is rolled back to, and SQLite keeps it
                // until it is released
                handle.execute("savepoint work");
                try {
                    results.add(pending.work.withHandle(handle));
                } catch (RuntimeException failure) {
                    handle.execute("rollback to savepoint work");
                    rolledBack();
                    results.add(failure);
                }
                handle.execute("release savepoint work");
            }
        });
        return results;
    }

    /** A piece of a group failed: the group's transaction is rolled back, to be run again piece by piece. */
    private static final class PieceFailed extends RuntimeException {
        PieceFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** How many pieces of work wait for the next turn. */
    int waiting() {
        return queue.size();
    }

    /**
     * Runs {@code listener} on the writer's turn whenever written work is rolled back, so whoever keeps
     * state derived from writes (say, the head of a hash chain) can forget it.
     */
    public void onRollback(Runnable listener) {
        rollbackListeners.add(listener);
    }

    private void rolledBack() {
        rollbackListeners.forEach(Runnable::run);
    }

    /** PendingWrite is one piece of write work waiting for its turn, and where its result goes. */
    private static final class PendingWrite<R> {
        final HandleCallback<R, ? extends RuntimeException> work;
        final Thread waiter;
        final CompletableFuture<R> result = new CompletableFuture<>();

        PendingWrite(HandleCallback<R, ? extends RuntimeException> work, Thread waiter) {
            this.work = work;
            this.waiter = waiter;
        }

        @SuppressWarnings("unchecked")
        void complete(Object outcome) {
            if (outcome instanceof RuntimeException failure) {
                result.completeExceptionally(failure);
            } else {
                result.complete((R) outcome);
            }
            LockSupport.unpark(waiter);
        }

        void fail(Throwable failure) {
            result.completeExceptionally(failure);
            LockSupport.unpark(waiter);
        }
    }

    private Handle writerHandle() {
        if (writerHandle == null) {
            writerHandle = jdbi.open();
            writerHandle.setStatementBuilder(new StatementCache());
        }
        return writerHandle;
    }

    private void closeWriterHandle() {
        if (writerHandle != null) {
            try {
                writerHandle.close();
            } catch (RuntimeException ignored) {
                // a broken connection is dropped either way
            }
            writerHandle = null;
        }
    }

    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    @Override
    public void close() {
        writer.lock();
        try {
            closeWriterHandle();
        } finally {
            writer.unlock();
        }
        dataSource.close();
    }
}
