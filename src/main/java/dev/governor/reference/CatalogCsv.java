package dev.governor.reference;

import dev.governor.core.Bound;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * CatalogCsv reads the CSV files finance exports from a spreadsheet (UTF-8 with or without BOM,
 * comma or semicolon, CRLF) into reference data, collecting one error per bad row and column;
 * a file with any error is rejected whole.
 */
public final class CatalogCsv {

    /** Rows is a parsed CSV: its header names (lower-cased) and its records. */
    public record Rows(List<String> header, List<CSVRecord> records) {
    }

    private CatalogCsv() {
    }

    public static Rows read(byte[] content, List<String> required) {
        String text = decode(content);
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            List<FieldError> missing = new ArrayList<>();
            for (String column : required) {
                if (!header.contains(column)) {
                    missing.add(FieldError.row(1, column, "missing_column", "the header has no column '" + column
                            + "'; expected columns: " + String.join(", ", required)));
                }
            }
            if (!missing.isEmpty()) {
                throw csvInvalid(missing);
            }
            List<CSVRecord> records = parser.getRecords();
            List<FieldError> ragged = new ArrayList<>();
            for (CSVRecord record : records) {
                if (record.size() != header.size()) {
                    int row = (int) record.getRecordNumber() + 1;
                    ragged.add(FieldError.row(row, "row", "wrong_column_count", "row " + row + " has " + record.size()
                            + " cells but the header has " + header.size() + " columns: a cell holding the "
                            + "separator needs quotes, and every row needs every column"));
                }
            }
            if (!ragged.isEmpty()) {
                throw csvInvalid(ragged);
            }
            return new Rows(header, records);
        } catch (IOException | UncheckedIOException e) {
            throw new Refusal(ErrorCode.MALFORMED_CSV, "the file is not readable CSV: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Refusal(ErrorCode.MALFORMED_CSV, "the file is not readable CSV: " + e.getMessage());
        }
    }

    private static String decode(byte[] content) {
        try (InputStream in = BOMInputStream.builder().setInputStream(new java.io.ByteArrayInputStream(content)).get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Refusal csvInvalid(List<FieldError> errors) {
        return new Refusal(ErrorCode.INVALID_CSV, errors.size() + " problem(s) in the file; nothing was changed",
                errors, null);
    }

    /** Cells reads typed values from one CSV record, noting an error for each bad cell. */
    public static final class Cells {
        private final CSVRecord record;
        private final List<FieldError> errors;
        private final int row;

        public Cells(CSVRecord record, List<FieldError> errors) {
            this.record = record;
            this.errors = errors;
            this.row = (int) record.getRecordNumber() + 1;
        }

        public int row() {
            return row;
        }

        /** A code or name: non-empty, at most {@link Bound#IDENTIFIER} characters. */
        public String text(String column) {
            String value = optionalText(column);
            if (value == null && raw(column).isEmpty()) {
                errors.add(FieldError.row(row, column, "missing_value", "row " + row + ": '" + column + "' is empty"));
            }
            return value;
        }

        private String raw(String column) {
            return record.isMapped(column) && record.isSet(column) ? record.get(column).trim() : "";
        }

        public String optionalText(String column) {
            String value = raw(column);
            if (value.length() > Bound.IDENTIFIER) {
                errors.add(FieldError.row(row, column, "too_long", "row " + row + ": '" + column + "' holds at most "
                        + Bound.IDENTIFIER + " characters, not " + value.length()));
                return null;
            }
            return value.isEmpty() ? null : value;
        }

        /** A number within {@code bound}, checked before it is used in any way. */
        public BigDecimal number(String column, Bound bound) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (value.matches("-?\\d{1,12},\\d{1,4}")) {
                errors.add(FieldError.row(row, column, "decimal_comma", "row " + row + ": '" + column + "' is '" + value
                        + "', which uses a decimal comma; write " + value.replace(',', '.')));
                return null;
            }
            BigDecimal number = Bound.parse(value);
            String refusal = number == null ? "invalid_number" : bound.refusal(number);
            if (refusal != null) {
                errors.add(FieldError.row(row, column, refusal, "row " + row + ": '" + column + "' must be a number "
                        + bound.describe()));
                return null;
            }
            return number;
        }

        /** An optional date from {@link Bound#FIRST_DAY} to {@link Bound#LAST_DAY}. */
        public LocalDate date(String column) {
            String value = optionalText(column);
            if (value == null) {
                return null;
            }
            LocalDate date = parse(column, LocalDate::parse, "a date written as YYYY-MM-DD");
            if (date != null && !Bound.inYears(date)) {
                errors.add(FieldError.row(row, column, "out_of_range", "row " + row + ": '" + column
                        + "' must be a date from " + Bound.FIRST_DAY + " to " + Bound.LAST_DAY));
                return null;
            }
            return date;
        }

        public boolean flag(String column) {
            String value = optionalText(column);
            if (value == null) {
                return false;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> true;
                case "false", "no", "n", "0" -> false;
                default -> {
                    errors.add(FieldError.row(row, column, "invalid_value",
                            "row " + row + ": '" + column + "' must be true or false, not '" + value + "'"));
                    yield false;
                }
            };
        }

        private <T> T parse(String column, Function<String, T> parser, String expected) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (NumberFormatException | DateTimeParseException e) {
                errors.add(FieldError.row(row, column, "invalid_value",
                        "row " + row + ": '" + column + "' is '" + value + "', expected " + expected));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.row(row, column, "invalid_value", "row " + row + ": '" + column + "' " + e.getMessage()));
            }
            return null;
        }
    }

    static void checkUnique(Set<String> seen, String key, Cells cells, String column, List<FieldError> errors) {
        if (key != null && !seen.add(key)) {
            errors.add(FieldError.row(cells.row(), column, "duplicate", "row " + cells.row() + ": '" + key
                    + "' appears more than once"));
        }
    }


    static List<Channel> parseChannels(byte[] csv) {
        var rows = read(csv, CatalogService.CHANNEL_COLUMNS);
        List<FieldError> errors = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var record : rows.records()) {
            var cells = new CatalogCsv.Cells(record, errors);
            String code = cells.text("code");
            CatalogCsv.checkUnique(seen, code, cells, "code", errors);
            String engine = cells.text("engine");
            if (engine != null && !CatalogService.ENGINES.contains(engine)) {
                errors.add(FieldError.row(cells.row(), "engine", "invalid_value",
                        "row " + cells.row() + ": engine must be DTC, MARKETPLACE or WHOLESALE, not '" + engine + "'"));
            }
            String zone = cells.text("time_zone");
            if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
                errors.add(FieldError.row(cells.row(), "time_zone", "invalid_value",
                        "row " + cells.row() + ": '" + zone + "' is not a time zone such as America/New_York"));
            }
            channels.add(new Channel(code, cells.text("name"), engine, cells.text("currency"), zone,
                    cells.number("referral_percent", Bound.PERCENT), cells.number("fulfilment_fee", Bound.COST),
                    cells.number("payment_percent", Bound.PERCENT), cells.number("return_rate_percent", Bound.PERCENT),
                    cells.number("cost_per_return", Bound.COST)));
        }
        failOn(errors);
        return channels;
    }

    static List<Product> parseProducts(byte[] csv) {
        var rows = read(csv, CatalogService.PRODUCT_COLUMNS);
        List<FieldError> errors = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var record : rows.records()) {
            var cells = new CatalogCsv.Cells(record, errors);
            String sku = cells.text("sku");
            CatalogCsv.checkUnique(seen, sku, cells, "sku", errors);
            products.add(new Product(sku, cells.text("name"), cells.text("brand"), cells.text("category"),
                    cells.number("unit_cost", Bound.COST), cells.number("msrp", Bound.PRICE), cells.date("launch_date"),
                    cells.flag("hero")));
        }
        if (products.isEmpty() && errors.isEmpty()) {
            errors.add(FieldError.row(2, "sku", "empty_file", "the file has a header but no product rows"));
        }
        failOn(errors);
        return products;
    }

    static List<CurrentPrice> parsePrices(byte[] csv, Catalog catalog) {
        var rows = read(csv, CatalogService.PRICE_COLUMNS);
        List<FieldError> errors = new ArrayList<>();
        List<CurrentPrice> prices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var record : rows.records()) {
            var cells = new CatalogCsv.Cells(record, errors);
            String sku = cells.text("sku");
            String channel = cells.text("channel");
            BigDecimal price = cells.number("price", Bound.PRICE);
            if (sku != null && catalog.findProduct(sku).isEmpty()) {
                errors.add(FieldError.row(cells.row(), "sku", "unknown_sku",
                        "row " + cells.row() + ": SKU '" + sku + "' is not in the catalog"));
            }
            if (channel != null && catalog.findChannel(channel).isEmpty()) {
                errors.add(FieldError.row(cells.row(), "channel", "unknown_channel",
                        "row " + cells.row() + ": channel '" + channel + "' does not exist"));
            }
            if (sku != null && channel != null) {
                CatalogCsv.checkUnique(seen, sku + " on " + channel, cells, "sku", errors);
            }
            prices.add(new CurrentPrice(sku, channel, price));
        }
        failOn(errors);
        return prices;
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw CatalogCsv.csvInvalid(errors);
        }
    }
}
