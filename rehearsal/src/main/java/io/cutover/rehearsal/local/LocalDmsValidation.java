package io.cutover.rehearsal.local;

import io.cutover.migrate.TableName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DMS's own data validation, modelled for the rehearsal (ValidationSettings.EnableValidation): each
 * loaded table's rows are compared by primary key, source against target, one pass after another.
 * A row that differs is only "failed" when it differed with the very same values on both sides in
 * two passes in a row (a row CDC has not applied yet changes between passes); until a table has
 * had a pass it is "Pending records". A table without a primary key is "No primary key", as DMS
 * says. This is the rehearsal's stand-in for a service, deliberately simpler than the product's
 * own validation (whole-table row streams, no chunks): it exists so the runbook sees DMS's states.
 */
final class LocalDmsValidation {

    /** A table's validation as DescribeTableStatistics shows it. */
    record State(String state, long pending, long failed) {
        static final State PENDING = new State("Pending records", 0, 0);
        static final State NO_KEY = new State("No primary key", 0, 0);
    }

    /** Per table: the keys that differed in the last pass, each with both sides' row hashes. */
    private final Map<TableName, Map<String, String>> lastDifferences = new HashMap<>();
    private final Map<TableName, State> states = new java.util.concurrent.ConcurrentHashMap<>();

    State state(TableName table) {
        return states.getOrDefault(table, State.PENDING);
    }

    /** One pass over a loaded table. */
    void pass(TableName table, Connection source, Connection target) throws SQLException {
        List<String> key = primaryKey(source, table);
        if (key.isEmpty()) {
            states.put(table, State.NO_KEY);
            return;
        }
        Map<String, String> differences = differences(table, key, source, target);
        Map<String, String> before = lastDifferences.getOrDefault(table, Map.of());
        long failed = differences.entrySet().stream().filter(d -> d.getValue().equals(before.get(d.getKey()))).count();
        lastDifferences.put(table, differences);
        long pending = differences.size() - failed;
        states.put(table, new State(failed > 0 ? "Mismatched records" : pending > 0 ? "Pending records" : "Validated",
                pending, failed));
    }

    /** Keys whose rows differ (or are on one side only), with "sourceHash/targetHash"; at most 10 000. */
    private static Map<String, String> differences(TableName table, List<String> key, Connection source, Connection target)
            throws SQLException {
        String keyText = "ROW(" + String.join(", ", key.stream().map(LocalDmsValidation::quote).toList()) + ")::text";
        String sql = "SELECT " + keyText + " COLLATE \"C\" AS k, md5(t::text) FROM " + LocalFullLoad.quoted(table)
                + " t ORDER BY 1";
        Map<String, String> out = new HashMap<>();
        boolean sourceAuto = source.getAutoCommit();
        boolean targetAuto = target.getAutoCommit();
        source.setAutoCommit(false); // a fetch size streams only inside a transaction
        target.setAutoCommit(false);
        try (Statement s = source.createStatement(); Statement t = target.createStatement()) {
            s.setFetchSize(5000);
            t.setFetchSize(5000);
            try (ResultSet a = s.executeQuery(sql); ResultSet b = t.executeQuery(sql)) {
                boolean hasA = a.next();
                boolean hasB = b.next();
                while ((hasA || hasB) && out.size() < 10_000) {
                    int order = !hasA ? 1 : !hasB ? -1 : a.getString(1).compareTo(b.getString(1));
                    if (order == 0) {
                        if (!a.getString(2).equals(b.getString(2))) out.put(a.getString(1), a.getString(2) + "/" + b.getString(2));
                        hasA = a.next();
                        hasB = b.next();
                    } else if (order < 0) {
                        out.put(a.getString(1), a.getString(2) + "/-");
                        hasA = a.next();
                    } else {
                        out.put(b.getString(1), "-/" + b.getString(2));
                        hasB = b.next();
                    }
                }
            }
        } finally {
            source.commit();
            target.commit();
            source.setAutoCommit(sourceAuto);
            target.setAutoCommit(targetAuto);
        }
        return out;
    }

    private static List<String> primaryKey(Connection c, TableName table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                SELECT a.attname FROM pg_index i
                  JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY k.n
                """)) {
            ps.setString(1, LocalFullLoad.quoted(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
