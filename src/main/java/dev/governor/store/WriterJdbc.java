package dev.governor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * WriterJdbc runs one SQL statement of the single writer's hot path — a proposal, its approval
 * request, its audit events, an approved price — straight on the JDBC connection of a write's handle,
 * on the writer's compiled statement for that SQL. Jdbi's per-statement machinery (binding, argument
 * factories, statement contexts, result iterators) is a large part of the single writer's time per
 * proposal (figures: docs/BENCHMARKS.md), so these statements bypass it; every other statement uses Jdbi. Each hot
 * statement is declared, with its SQL, as a static method of its DAO interface, beside the DAO's
 * Jdbi methods: SQL lives in DAOs only.
 * <p>
 * The SQL keeps its {@code :name} parameters, which SQLite reads natively (a name used twice is one
 * parameter). Values are written as {@link TextColumns} writes them (money, dates and instants as text),
 * and a statement with a parameter left unset is refused instead of storing null.
 */
public final class WriterJdbc {

    private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
    /** Parameter names per SQL text, in the order SQLite numbers them (first appearance). */
    private static final Map<String, String[]> NAMES = new ConcurrentHashMap<>();

    private final String sql;
    private final String[] names;
    private final PreparedStatement statement;
    private long set;

    private WriterJdbc(String sql, PreparedStatement statement) {
        this.sql = sql;
        this.names = NAMES.computeIfAbsent(sql, WriterJdbc::names);
        this.statement = statement;
    }

    /** Runs an insert, update or delete; answers the rows it changed. */
    public static int update(Handle handle, String sql, Consumer<WriterJdbc> binds) {
        return run(handle, sql, prepared -> {
            binds.accept(prepared);
            prepared.complete();
            return prepared.statement.executeUpdate();
        });
    }

    /** Runs a statement that answers one number (an insert {@code ... returning id}); answers it. */
    public static long queryLong(Handle handle, String sql, Consumer<WriterJdbc> binds) {
        return run(handle, sql, prepared -> {
            binds.accept(prepared);
            prepared.complete();
            try (ResultSet result = prepared.statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("the statement answered no row: " + sql);
                }
                return result.getLong(1);
            }
        });
    }

    /** Runs the statement once per row, in one batch. */
    public static <T> void batch(Handle handle, String sql, List<T> rows, BiConsumer<WriterJdbc, T> binds) {
        if (rows.isEmpty()) {
            return;
        }
        run(handle, sql, prepared -> {
            for (T row : rows) {
                binds.accept(prepared, row);
                prepared.complete();
                prepared.statement.addBatch();
                prepared.set = 0;
            }
            return prepared.statement.executeBatch().length;
        });
    }

    /** Sets parameter {@code :name}: text, a whole number, money, a date, an instant, a yes/no or null. */
    public WriterJdbc set(String name, Object value) {
        int index = indexOf(name);
        try {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Long || value instanceof Integer) {
                statement.setLong(index, ((Number) value).longValue());
            } else if (value instanceof Boolean yes) {
                statement.setBoolean(index, yes);
            } else {
                String text = TextColumns.textOf(value);
                if (text == null) {
                    throw new IllegalArgumentException("cannot store a " + value.getClass().getName() + " in :" + name);
                }
                statement.setString(index, text);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set :" + name + " of " + sql, e);
        }
        set |= 1L << (index - 1);
        return this;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("the statement has no parameter :" + name + ": " + sql);
    }

    private void complete() {
        if (Long.bitCount(set) != names.length) {
            List<String> unset = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if ((set & (1L << i)) == 0) {
                    unset.add(":" + names[i]);
                }
            }
            throw new IllegalArgumentException("parameters " + unset + " are not set: " + sql);
        }
    }

    @FunctionalInterface
    private interface Use<R> {
        R apply(WriterJdbc prepared) throws SQLException;
    }

    private static <R> R run(Handle handle, String sql, Use<R> use) {
        Connection connection = handle.getConnection();
        StatementCache cache = handle.getStatementBuilder() instanceof StatementCache kept ? kept : null;
        PreparedStatement statement = null;
        try {
            statement = cache != null ? cache.reuse(connection, sql) : connection.prepareStatement(sql);
            return use.apply(new WriterJdbc(sql, statement));
        } catch (SQLException e) {
            throw new IllegalStateException("the statement failed: " + e.getMessage() + ": " + sql, e);
        } finally {
            if (statement != null) {
                try {
                    if (cache != null) {
                        cache.giveBack(connection, sql, statement);
                    } else {
                        statement.close();
                    }
                } catch (SQLException ignored) {
                    // a statement that cannot be reset or closed goes with its connection
                }
            }
        }
    }

    private static String[] names(String sql) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(sql);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        if (names.size() > Long.SIZE) {
            throw new IllegalArgumentException("more than " + Long.SIZE + " parameters: " + sql);
        }
        return names.toArray(String[]::new);
    }
}
