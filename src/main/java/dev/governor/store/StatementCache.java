package dev.governor.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

    private final DefaultStatementBuilder fresh = new DefaultStatementBuilder();
    private final Map<String, PreparedStatement> cached = new HashMap<>();
    private final Map<Statement, Boolean> inUse = new IdentityHashMap<>();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return fresh.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        String key = ctx.isReturningGeneratedKeys()
                ? sql + "\u0000keys" + Arrays.toString(ctx.getGeneratedKeysColumnNames()) : sql;
        PreparedStatement statement = cached.get(key);
        if (statement == null || statement.isClosed()) {
            statement = fresh.create(conn, sql, ctx);
            cached.put(key, statement);
        } else if (inUse.containsKey(statement)) {
            return fresh.create(conn, sql, ctx);
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
        if (inUse.remove(statement) == null) {
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
        for (PreparedStatement statement : cached.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is closing anyway, and takes its statements with it
            }
        }
        cached.clear();
        inUse.clear();
    }
}
