package dev.governor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * ServingLock makes sure one Governor serves a database file at a time: the server holds an
 * operating-system lock on {@code <database>.lock} while it runs, which the system releases if the
 * process dies, however it dies. A second server on the same file is refused before it writes
 * anything (two writers would race on the audit chain's sequence).
 */
public final class ServingLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ServingLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file beside {@code database}. */
    public static Path fileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    /** Takes the lock for {@code database}, or answers empty when another process holds it. */
    public static Optional<ServingLock> tryTake(Path database) {
        Path file = fileOf(database.toAbsolutePath());
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new ServingLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Whether a server is serving {@code database} now (some process holds its lock). */
    public static boolean isHeld(Path database) {
        Optional<ServingLock> taken = tryTake(database);
        taken.ifPresent(ServingLock::close);
        return taken.isEmpty();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
