package io.cutover.migrate.s3;

import io.cutover.migrate.TableName;
import io.cutover.replication.S3EndpointSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The S3 target's output after the full load: per table, the files DMS wrote and the full-load
 * rows in them against the source's row count when the load started. DMS's S3 layout:
 * {@code bucketFolder/<schema>/<table>/LOAD00000001.csv} (8 hex digits, one file per MaxFileSize),
 * change files named by time ({@code 20141029-1134010000.csv}) beside them, or under
 * {@code bucketFolder/cdcPath/<schema>/<table>/} when the endpoint has a CdcPath (the rehearsal's
 * layout for that case: DMS's own transaction-ordered layout is not reproduced). Tables are named
 * as on the target: after the task's transformation rules.
 *
 * <p>CSV files are read record by record (quoted line breaks are one row); with a header row
 * (AddColumnName, which the adapter sets for CSV) the Op column is found by name, and with
 * IncludeOpForFullLoad every full-load row must say {@code I}. Parquet files are listed but their
 * rows are not counted (no Parquet reader here): such a table is {@code NOT_COUNTED}, never "equal".
 */
public final class S3OutputCheck {
    private static final Pattern LOAD_FILE = Pattern.compile("LOAD[0-9A-F]{8}\\.(csv|parquet)(\\.gz)?");
    static final String OP_COLUMN = "Op";

    private final S3Objects objects;

    public S3OutputCheck(S3Objects objects) {
        this.objects = objects;
    }

    /** What one table's output says. */
    public enum Verdict { MATCH, MISMATCH, NO_FILES, NOT_COUNTED }

    /**
     * @param loadFiles     full-load file keys in order
     * @param loadRows      rows in them (null when not counted)
     * @param expectedRows  the source's rows at the load's start
     * @param changeFiles   change file keys
     * @param changeRows    change rows per operation (I, U, D), CSV only
     * @param problems      what is wrong beyond the count (a full-load row whose Op is not I, ...)
     */
    public record TableOutput(TableName table, Verdict verdict, List<String> loadFiles, Long loadRows, long expectedRows,
                              List<String> changeFiles, Map<String, Long> changeRows, List<String> problems) {
        public String describe() {
            return table + ": " + verdict + " - " + loadFiles.size() + " full-load file(s), "
                    + (loadRows == null ? "rows not counted" : loadRows + " row(s)") + ", source had " + expectedRows
                    + "; " + changeFiles.size() + " change file(s) " + changeRows
                    + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        }
    }

    /** The check of every table; {@code matches()} only when each one's full-load rows equal the source's. */
    public record Report(List<TableOutput> tables) {
        public boolean matches() {
            return !tables.isEmpty() && tables.stream().allMatch(t -> t.verdict() == Verdict.MATCH);
        }
    }

    /**
     * @param target                 the endpoint as it was created (bucket, folder, format, CdcPath, Op column)
     * @param sourceRowsAtLoadStart  per target table name, the source's rows when the load started
     */
    public Report check(S3EndpointSpec target, Map<TableName, Long> sourceRowsAtLoadStart) {
        List<TableOutput> out = new ArrayList<>();
        new TreeMap<>(sourceRowsAtLoadStart).forEach((table, expected) -> out.add(checkTable(target, table, expected)));
        return new Report(List.copyOf(out));
    }

    private TableOutput checkTable(S3EndpointSpec target, TableName table, long expected) {
        String prefix = target.tablePrefix(table.schema(), table.table());
        List<String> loadFiles = new ArrayList<>();
        List<String> changeFiles = new ArrayList<>();
        for (S3Objects.StoredObject o : objects.list(target.bucketName(), prefix)) {
            String name = o.key().substring(prefix.length());
            if (name.contains("/")) continue; // a deeper folder is another table's (a name with a '/')
            (LOAD_FILE.matcher(name).matches() ? loadFiles : changeFiles).add(o.key());
        }
        if (target.cdcPath() != null) {
            String cdcPrefix = target.bucketFolder() + "/" + target.cdcPath() + "/" + table.schema() + "/" + table.table() + "/";
            objects.list(target.bucketName(), cdcPrefix).forEach(o -> changeFiles.add(o.key()));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Long> changeRows = new LinkedHashMap<>();
        if (target.dataFormat() != S3EndpointSpec.DataFormat.CSV) {
            problems.add("Parquet rows are not counted here: the files are listed only");
            return new TableOutput(table, loadFiles.isEmpty() ? Verdict.NO_FILES : Verdict.NOT_COUNTED, loadFiles, null,
                    expected, changeFiles, changeRows, problems);
        }
        long loadRows = 0;
        for (String key : loadFiles) {
            loadRows += countRows(target, key, problems, op -> {
                if (target.includeOpForFullLoad() && !"I".equals(op)) return "Op is '" + op + "', a full-load row is 'I'";
                return null;
            }, null);
        }
        for (String key : changeFiles) {
            countRows(target, key, problems, op -> op == null || !List.of("I", "U", "D").contains(op)
                    ? "Op is '" + op + "', a change is I, U or D" : null, changeRows);
        }
        Verdict verdict;
        if (loadFiles.isEmpty() && expected > 0) verdict = Verdict.NO_FILES;
        else verdict = loadRows == expected && problems.isEmpty() ? Verdict.MATCH : Verdict.MISMATCH;
        if (loadRows != expected) {
            problems.add(0, "full-load rows " + loadRows + " != source rows at the load's start " + expected);
        }
        return new TableOutput(table, verdict, List.copyOf(loadFiles), loadRows, expected, List.copyOf(changeFiles),
                Map.copyOf(changeRows), List.copyOf(problems));
    }

    /** Rows of one CSV file (its header row excluded); {@code opRule} says what is wrong with a row's Op. */
    private long countRows(S3EndpointSpec target, String key, List<String> problems,
                           java.util.function.Function<String, String> opRule, Map<String, Long> perOp) {
        boolean opExpected = perOp != null || target.includeOpForFullLoad();
        try (InputStream in = objects.open(target.bucketName(), key)) {
            CsvRecords csv = new CsvRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ',');
            // The adapter creates CSV endpoints with AddColumnName: the first record names the columns.
            List<String> header = csv.next();
            if (header == null) return 0;
            int op = header.indexOf(OP_COLUMN);
            if (opExpected && op < 0) {
                problems.add(key + ": no " + OP_COLUMN + " column in the header " + header);
                opExpected = false;
            }
            long rows = 0;
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                rows++;
                if (!opExpected) continue;
                String value = op < row.size() ? row.get(op) : null;
                if (perOp != null) perOp.merge(String.valueOf(value), 1L, Long::sum);
                String wrong = opRule.apply(value);
                if (wrong != null) problems.add(key + " row " + rows + ": " + wrong);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + target.bucketName() + "/" + key, e);
        }
    }
}
