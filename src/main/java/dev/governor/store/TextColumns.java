package dev.governor.store;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * TextColumns keeps money, dates and instants as text in SQLite, so amounts stay exact decimals and
 * dates stay ISO-8601, readable with the {@code sqlite3} shell.
 */
final class TextColumns {

    private TextColumns() {
    }

    static void register(Jdbi jdbi) {
        text(jdbi, BigDecimal.class, BigDecimal::toPlainString, BigDecimal::new);
        text(jdbi, LocalDate.class, LocalDate::toString, LocalDate::parse);
        text(jdbi, Instant.class, Instant::toString, Instant::parse);
    }

    private static <T> void text(Jdbi jdbi, Class<T> type, Function<T, String> write, Function<String, T> read) {
        jdbi.registerArgument(new AbstractArgumentFactory<T>(Types.VARCHAR) {
            @Override
            protected Argument build(T value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setString(position, write.apply(value));
            }
        });
        jdbi.registerColumnMapper(type, (ColumnMapper<T>) (results, column, context) -> {
            String value = results.getString(column);
            return value == null ? null : read.apply(value);
        });
    }
}
