package dev.governor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * Database is the one SQLite file behind Governor: WAL, foreign keys on, migrations applied at
 * open. Writes go through one path, one short transaction at a time, so concurrent requests never
 * fight over SQLite's single writer lock; reads run in parallel and never block writes.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final Path file;

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
        // NORMAL in WAL mode: a committed transaction survives the process being killed;
        // only a power loss or OS crash may lose the last commits.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
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

    public Path file() {
        return file;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs one write transaction; writers take turns so SQLite never answers "database is locked". */
    public <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
        writer.lock();
        try {
            return jdbi.inTransaction(work);
        } finally {
            writer.unlock();
        }
    }

    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
