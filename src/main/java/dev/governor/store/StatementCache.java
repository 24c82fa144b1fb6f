package dev.governor.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * StatementCache keeps the prepared statements of one long-lived handle (the writer's) for reuse,
 * so SQLite compiles each SQL text once per connection instead of once per execution: under load,
 * compiling was a fifth of the writer's turn. A statement is handed to one user at a time; a second
 * use of the same SQL while the first is still open gets a fresh statement that is closed after it.
 */
final class StatementCache implements StatementBuilder {

    /** Most statements kept: the writer's own SQL is a few dozen texts; SQL built per call (IN lists) must not pile up. */
    static final int KEPT = 128;

    private final DefaultStatementBuilder fresh = new DefaultStatementBuilder();
    private final Map<Statement, Boolean> inUse = new IdentityHashMap<>();
    /** Statements dropped from the cache while in use: their users close them. */
    private final Map<Statement, Boolean> dropped = new IdentityHashMap<>();
    private final Map<String, PreparedStatement> cached = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= KEPT) {
                return false;
            }
            // the least recently used goes; one still in use is closed by its user instead
            if (inUse.containsKey(eldest.getValue())) {
                dropped.put(eldest.getValue(), Boolean.TRUE);
            } else {
                closeQuietly(eldest.getValue());
            }
            return true;
        }
    };

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return fresh.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        String key = ctx.isReturningGeneratedKeys()
                ? sql + "\u0000keys" + Arrays.toString(ctx.getGeneratedKeysColumnNames()) : sql;
        return kept(key, () -> fresh.create(conn, sql, ctx));
    }

    /** The kept statement for {@code sql} as written (for {@link WriterJdbc}), handed back with {@link #giveBack}. */
    PreparedStatement reuse(Connection conn, String sql) throws SQLException {
        return kept("\u0000plain" + sql, () -> conn.prepareStatement(sql));
    }

    /** A statement from {@link #reuse} is done with: kept for the next use, or closed when it was not kept. */
    void giveBack(Connection conn, String sql, PreparedStatement statement) throws SQLException {
        close(conn, sql, statement);
    }

    @FunctionalInterface
    private interface Compile {
        PreparedStatement statement() throws SQLException;
    }

    private PreparedStatement kept(String key, Compile compile) throws SQLException {
        PreparedStatement statement = cached.get(key);
        if (statement == null || statement.isClosed()) {
            statement = compile.statement();
            cached.put(key, statement);
        } else if (inUse.containsKey(statement)) {
            return compile.statement();
        }
        inUse.put(statement, Boolean.TRUE);
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return fresh.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String sql, Statement statement) throws SQLException {
        if (inUse.remove(statement) == null || dropped.remove(statement) != null) {
            fresh.close(conn, sql, statement);
            return;
        }
        PreparedStatement prepared = (PreparedStatement) statement;
        prepared.clearParameters();
        prepared.clearBatch();
    }

    /** The handle is closing: every kept statement goes with it. */
    @Override
    public void close(Connection conn) {
        cached.values().forEach(StatementCache::closeQuietly);
        cached.clear();
        inUse.clear();
        dropped.clear();
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement that cannot be closed goes with its connection
        }
    }
}
