package dev.governor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file: WAL, foreign keys, and group commit where one failing piece of work is rolled back alone. */
class DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void opensInWalModeWithForeignKeysAndMigrations() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            String journal = database.read(handle -> handle.createQuery("pragma journal_mode").mapTo(String.class).one());
            int foreignKeys = database.read(handle -> handle.createQuery("pragma foreign_keys").mapTo(Integer.class).one());
            int migrations = database.read(handle -> handle.createQuery(
                    "select count(*) from flyway_schema_history where success = 1").mapTo(Integer.class).one());
            assertThat(journal).isEqualTo("wal");
            assertThat(foreignKeys).isEqualTo(1);
            assertThat(migrations).isPositive();
        }
    }

    @Test
    void aFailingWriteIsRolledBackAloneAndTheOthersCommit() throws Exception {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            // every tenth piece inserts a foreign key to a user that does not exist, so it fails
            int failed = failedOf(database, 400, "user-", "", n -> n % 10 == 0);
            assertThat(failed).isEqualTo(40);
            int users = database.read(handle -> handle.createQuery("select count(*) from users").mapTo(Integer.class).one());
            int failedUser = database.read(handle -> handle.createQuery(
                    "select count(*) from users where name = 'user-10'").mapTo(Integer.class).one());
            assertThat(users).isEqualTo(360);
            assertThat(failedUser).isZero();
        }
    }

    @Test
    void aFailingPieceIsRolledBackAloneWhenTheGroupsSubJournalOutgrowsItsSpillSize() throws Exception {
        // pieces of about 40 KB each: one group's savepoints journal far more than SQLite's 64 KiB, so the
        // sub-journal spills to a temporary file; rolling back to a savepoint must still undo exactly its piece
        String bulk = "x".repeat(40_000);
        try (Database database = Database.open(folder.resolve("g.db"))) {
            assertThat(failedOf(database, 120, "", bulk, n -> n % 7 == 3)).isEqualTo(17);
            List<Integer> kept = database.read(handle -> handle.createQuery(
                    "select cast(substr(name, 1, length(name) - 40000) as integer) from users where length(name) > 40000")
                    .mapTo(Integer.class).list());
            assertThat(kept).hasSize(103).noneMatch(n -> n % 7 == 3);
        }
    }

    /**
     * Writes {@code count} users named prefix + n + suffix from 8 threads at once, so they commit in groups;
     * piece n also inserts a role for a user that does not exist when {@code failing} says so, which
     * fails it. Answers how many writes failed.
     */
    private static int failedOf(Database database, int count, String prefix, String suffix,
                                java.util.function.IntPredicate failing) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                writes.add(pool.submit(() -> database.write(handle -> {
                    handle.execute("insert into users (name, created_at) values (?, '2026-12-01')", prefix + n + suffix);
                    if (failing.test(n)) {
                        handle.execute("insert into user_roles (user_id, role) values (999999, 'gm')");
                    }
                    return n;
                })));
            }
            int failed = 0;
            for (Future<?> write : writes) {
                try {
                    write.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupWithAFailingPieceIsRolledBackWholeAndRunAgainSoEachOtherPieceCommitsOnce() throws Exception {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(7);
            try {
                java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                // the first writer holds the turn until six more have queued: those six are the next group
                Future<Integer> holder = pool.submit(() -> database.write(handle -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return handle.execute("insert into users (name, created_at) values ('holder', '2026-12-01')");
                }));
                holding.await();
                java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(6);
                List<Future<Integer>> group = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    group.add(pool.submit(() -> database.write(handle -> {
                        runs.incrementAndGet(n);
                        handle.execute("insert into users (name, created_at) values (?, '2026-12-01')", "g-" + n);
                        if (n == 3) {
                            handle.execute("insert into user_roles (user_id, role) values (999999, 'gm')");
                        }
                        return n;
                    })));
                    while (database.waiting() < n + 1) {
                        // queued one by one, so the group runs them in this order
                        Thread.sleep(2);
                    }
                }
                release.countDown();
                assertThat(holder.get()).isEqualTo(1);
                for (int i = 0; i < 6; i++) {
                    if (i == 3) {
                        Future<Integer> failing = group.get(i);
                        assertThatThrownBy(failing::get).hasMessageContaining("FOREIGN KEY");
                    } else {
                        assertThat(group.get(i).get()).isEqualTo(i);
                    }
                }
                // the pieces before the failing one ran twice (the group was rolled back and run again),
                // the ones after it once; each committed row is there exactly once
                assertThat(runs.get(0)).isEqualTo(2);
                assertThat(runs.get(5)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            List<String> names = database.read(handle -> handle.createQuery(
                    "select name from users where name = 'holder' or name like 'g-%' order by name").mapTo(String.class).list());
            assertThat(names).containsExactly("g-0", "g-1", "g-2", "g-4", "g-5", "holder");
        }
    }

    @Test
    void theHolderOfTheTurnLeavesItOnceItsOwnWorkIsCommittedAndTheNextWriterCommitsItself() throws Exception {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
                Thread[] ranOn = new Thread[2];
                // the first writer's work, once in its group, waits until the second writer has queued
                Future<Thread> first = pool.submit(() -> {
                    database.write(handle -> {
                        ranOn[0] = Thread.currentThread();
                        holding.countDown();
                        while (database.waiting() < 1) {
                            Thread.onSpinWait();
                        }
                        return handle.execute("insert into users (name, created_at) values ('first', '2026-12-01')");
                    });
                    return Thread.currentThread();
                });
                holding.await();
                Future<Thread> second = pool.submit(() -> {
                    database.write(handle -> {
                        ranOn[1] = Thread.currentThread();
                        return handle.execute("insert into users (name, created_at) values ('second', '2026-12-01')");
                    });
                    return Thread.currentThread();
                });
                Thread firstThread = first.get();
                Thread secondThread = second.get();
                assertThat(ranOn[0]).isSameAs(firstThread);
                // the first writer did not stay to commit the second's work: the second took the turn
                assertThat(ranOn[1]).isSameAs(secondThread).isNotSameAs(firstThread);
            } finally {
                pool.shutdownNow();
            }
            int users = database.read(handle -> handle.createQuery("select count(*) from users where name in ('first', 'second')")
                    .mapTo(Integer.class).one());
            assertThat(users).isEqualTo(2);
        }
    }

    @Test
    void theFailureReachesTheWriterWhoseWorkFailed() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            assertThatThrownBy(() -> database.write(handle -> handle.execute("insert into nowhere values (1)")))
                    .hasMessageContaining("nowhere");
            int inserted = database.write(handle -> handle.execute(
                    "insert into users (name, created_at) values ('after', '2026-11-22')"));
            assertThat(inserted).isEqualTo(1);
        }
    }

    @Test
    void everyQueuedWriterIsAnsweredWhenTheTurnIsHandedOn() throws Exception {
        // 32 writers race for the turn 200 times each; a writer asleep whose turn is never handed on
        // would hang here, so the wait is bounded (a lost wake-up fails the test instead of stalling CI)
        try (Database database = Database.open(folder.resolve("g.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    int writer = t;
                    writers.add(pool.submit(() -> {
                        int done = 0;
                        for (int i = 0; i < 200; i++) {
                            String name = "w" + writer + "-" + i;
                            done += database.write(handle -> handle.execute(
                                    "insert into users (name, created_at) values (?, '2026-11-22')", name));
                        }
                        return done;
                    }));
                }
                for (Future<Integer> writer : writers) {
                    assertThat(writer.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            int users = database.read(handle -> handle.createQuery("select count(*) from users").mapTo(Integer.class).one());
            assertThat(users).isEqualTo(32 * 200);
        }
    }

    @Test
    void anInterruptedWriterStillLearnsWhatHappenedToItsWorkAndKeepsTheInterrupt() throws Exception {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            Thread.currentThread().interrupt();
            int inserted = database.write(handle -> handle.execute(
                    "insert into users (name, created_at) values ('interrupted', '2026-11-22')"));
            assertThat(Thread.interrupted()).isTrue();
            assertThat(inserted).isEqualTo(1);
        }
    }

    @Test
    void theWritersKeptStatementsServeEveryTurnAndANestedUseOfTheSameSql() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            String insert = "insert into users (name, created_at) values (:name, '2026-12-01')";
            for (int turn = 0; turn < 50; turn++) {
                int n = turn;
                database.write(handle -> handle.createUpdate(insert).bind("name", "user-" + n).execute());
            }
            String names = "select name from users where name like 'user-%' order by name";
            List<String> pairs = database.write(handle -> {
                List<String> seen = new ArrayList<>();
                // the same SQL again while its first result is still open: a statement of its own
                try (var outer = handle.createQuery(names).mapTo(String.class).iterator()) {
                    while (outer.hasNext()) {
                        String name = outer.next();
                        int count = handle.createQuery(names).mapTo(String.class).list().size();
                        seen.add(name + "/" + count);
                    }
                }
                return seen;
            });
            assertThat(pairs).hasSize(50).allMatch(pair -> pair.endsWith("/50"));
            // more distinct SQL texts than the writer keeps, then the first ones again: evicted and re-made
            List<Integer> sums = database.write(handle -> {
                List<Integer> seen = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (int n = 0; n < StatementCache.KEPT * 2; n++) {
                        seen.add(handle.createQuery("select " + n + " + :one").bind("one", 1).mapTo(Integer.class).one());
                    }
                }
                return seen;
            });
            assertThat(sums).hasSize(StatementCache.KEPT * 4).startsWith(1, 2, 3).endsWith(StatementCache.KEPT * 2);
            int stored = database.read(handle -> handle.createQuery("select count(*) from users where name like 'user-%'")
                    .mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(50);
        }
    }
}
