package dev.governor.store;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * TextColumns keeps money, dates and instants as text in SQLite, so amounts stay exact decimals and
 * dates stay ISO-8601, readable with the {@code sqlite3} shell.
 */
final class TextColumns {

    /** Fixed-width UTC instants, so they sort and compare as text. */
    static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private TextColumns() {
    }

    static void register(Jdbi jdbi) {
        text(jdbi, BigDecimal.class, TextColumns::textOf, BigDecimal::new);
        text(jdbi, LocalDate.class, TextColumns::textOf, LocalDate::parse);
        text(jdbi, Instant.class, TextColumns::textOf, Instant::parse);
    }

    /**
     * The text a value is stored as, when it is one of the types kept as text here (money, a date, an
     * instant), else null: the one place these forms are written, for Jdbi's bindings and for the
     * statements bound without it ({@link WriterJdbc}).
     */
    static String textOf(Object value) {
        if (value instanceof BigDecimal money) {
            return money.toPlainString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value instanceof Instant instant ? INSTANT.format(instant) : null;
    }

    private static <T> void text(Jdbi jdbi, Class<T> type, Function<T, String> write, Function<String, T> read) {
        Argument nullText = (position, statement, context) -> statement.setNull(position, Types.VARCHAR);
        Function<Object, Argument> bind = value -> value == null ? nullText
                : (position, statement, context) -> statement.setString(position, write.apply(type.cast(value)));
        // Preparable, because Jdbi tries prepared factories before plain ones for its built-in types
        jdbi.registerArgument(new ArgumentFactory.Preparable() {
            @Override
            public Optional<Function<Object, Argument>> prepare(Type argumentType, ConfigRegistry config) {
                return argumentType == type ? Optional.of(bind) : Optional.empty();
            }

            @Override
            public Optional<Argument> build(Type argumentType, Object value, ConfigRegistry config) {
                return argumentType == type || type.isInstance(value) ? Optional.of(bind.apply(value)) : Optional.empty();
            }
        });
        jdbi.registerColumnMapper(type, (ColumnMapper<T>) (results, column, context) -> {
            String value = results.getString(column);
            return value == null ? null : read.apply(value);
        });
    }
}
