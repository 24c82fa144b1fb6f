package dev.governor.versions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.TableRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * RulesetDiff compares two ruleset versions the way their owners read them: each decision table row
 * by row, matched on its business key (added, removed, changed rows with old and new cell values),
 * and each DRL file as a unified diff.
 */
public final class RulesetDiff {

    /** Diff is everything that differs from {@code against} to {@code version}. */
    public record Diff(long version, long against, List<String> filesAdded, List<String> filesRemoved,
                       List<TableDiff> tables, List<DrlDiff> rules) {
    }

    /** TableDiff is the rows of one table that differ, keyed by the table's business key. */
    public record TableDiff(String workbook, String sheet, String table, List<String> key, List<RowDiff> added,
                            List<RowDiff> removed, List<RowDiff> changed) {
    }

    /** RowDiff is one row: its key, its row in each version, its cells (added/removed) or the cells that changed. */
    public record RowDiff(Map<String, String> key, Integer oldRow, Integer newRow, Map<String, String> values,
                          Map<String, Change> changes) {
    }

    /** Change is one cell's value before and after. */
    public record Change(String before, String after) {
    }

    /** DrlDiff is one DRL file's unified diff. */
    public record DrlDiff(String file, String unified) {
    }

    private RulesetDiff() {
    }

    public static Diff between(long againstId, RulesetFiles against, long versionId, RulesetFiles version) {
        TreeSet<String> paths = new TreeSet<>(against.files().keySet());
        paths.addAll(version.files().keySet());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<TableDiff> tables = new ArrayList<>();
        List<DrlDiff> rules = new ArrayList<>();
        for (String path : paths) {
            byte[] before = against.files().get(path);
            byte[] after = version.files().get(path);
            if (before == null) {
                added.add(path);
            } else if (after == null) {
                removed.add(path);
            }
            if (before != null && after != null && Arrays.equals(before, after)) {
                continue;
            }
            if (path.endsWith(".drl")) {
                rules.add(drl(path, before, after));
            } else {
                tables.addAll(tables(path, before, after));
            }
        }
        return new Diff(versionId, againstId, added, removed, tables, rules);
    }

    private static DrlDiff drl(String path, byte[] before, byte[] after) {
        List<String> old = lines(before);
        List<String> revised = lines(after);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, old,
                DiffUtils.diff(old, revised), 3);
        return new DrlDiff(path, String.join("\n", unified));
    }

    private static List<String> lines(byte[] content) {
        return content == null ? List.of() : Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\n", -1));
    }

    private static List<TableDiff> tables(String path, byte[] before, byte[] after) {
        Map<String, TableRows.Table> old = before == null ? Map.of() : TableRows.read(before);
        Map<String, TableRows.Table> revised = after == null ? Map.of() : TableRows.read(after);
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(revised.keySet());
        List<TableDiff> diffs = new ArrayList<>();
        for (String name : names) {
            TableRows.Table a = old.get(name);
            TableRows.Table b = revised.get(name);
            Map<String, TableRows.TableRow> aRows = a == null ? Map.of() : a.rows();
            Map<String, TableRows.TableRow> bRows = b == null ? Map.of() : b.rows();
            List<RowDiff> addedRows = new ArrayList<>();
            List<RowDiff> removedRows = new ArrayList<>();
            List<RowDiff> changedRows = new ArrayList<>();
            bRows.forEach((key, row) -> {
                TableRows.TableRow previous = aRows.get(key);
                if (previous == null) {
                    addedRows.add(new RowDiff(row.key(), null, row.row(), row.values(), null));
                } else if (!previous.values().equals(row.values())) {
                    Map<String, Change> changes = new LinkedHashMap<>();
                    TreeSet<String> headers = new TreeSet<>(previous.values().keySet());
                    headers.addAll(row.values().keySet());
                    for (String header : headers) {
                        String was = previous.values().getOrDefault(header, "");
                        String now = row.values().getOrDefault(header, "");
                        if (!was.equals(now)) {
                            changes.put(header, new Change(was, now));
                        }
                    }
                    changedRows.add(new RowDiff(row.key(), previous.row(), row.row(), null, changes));
                }
            });
            aRows.forEach((key, row) -> {
                if (!bRows.containsKey(key)) {
                    removedRows.add(new RowDiff(row.key(), row.row(), null, row.values(), null));
                }
            });
            if (!addedRows.isEmpty() || !removedRows.isEmpty() || !changedRows.isEmpty()) {
                TableRows.Table any = b != null ? b : a;
                diffs.add(new TableDiff(path, any.sheet(), any.name(), any.keyHeaders(), addedRows, removedRows,
                        changedRows));
            }
        }
        return diffs;
    }
}
