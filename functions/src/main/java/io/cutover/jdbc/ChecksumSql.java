package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.ServerTraits;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine's SQL for the row-hash checksums; {@link JdbcChecksumSession} runs it. Every query
 * aggregates on the server or returns a bounded number of rows.
 */
interface ChecksumSql {

    /** Statements run once when a session opens: pinned formats, time zone, read-only. */
    List<String> sessionSetup(int statementTimeoutSeconds);

    ServerTraits traits(Connection c, int timeoutSeconds) throws SQLException;

    /** The row hash of one row, a 64-bit integer expression over the plan's columns. */
    String rowHash(RowHashPlan plan);

    /** The plan's key columns for SELECT and ORDER BY, in key order, ordered as the plan needs. */
    String keyOrder(RowHashPlan plan);

    default String keyColumns(RowHashPlan plan) {
        return plan.key().stream().map(k -> quote(k.name())).collect(java.util.stream.Collectors.joining(", "));
    }

    default String table(TableName table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    /** A WHERE condition for the range with its parameters in order ("1 = 1" for the whole table). */
    default Condition range(RowHashPlan plan, KeyRange range) {
        if (range.lower() == null && range.upper() == null) return Condition.all();
        if (range.upper() == null) return bound(plan, range.lower(), true);
        if (range.lower() == null) return bound(plan, range.upper(), false);
        return Condition.and(bound(plan, range.lower(), true), bound(plan, range.upper(), false));
    }

    /** Rows whose key is at or after ({@code lower}) or before (else) the given key, in the plan's key order. */
    Condition bound(RowHashPlan plan, io.cutover.migrate.validation.Key key, boolean lower);

    /** Both engines take double-quoted identifiers with embedded quotes doubled. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Keys at every {@code step}-th row of a sample of the table in key order, where the step makes
     * about {@code chunks} pieces of the sample. Parameters: chunks.
     */
    String sampledBoundaries(RowHashPlan plan, double samplePercent);

    /**
     * The same cut (the step from the whole sample's size), returning only the keys inside the range.
     * Parameters: the range's, then chunks.
     */
    String sampledBoundaries(RowHashPlan plan, double samplePercent, Condition range);

    /** Keys at rows step+1, 2*step+1, ... of the range in key order. Parameters: the range's, then step. */
    String rangeQuantiles(RowHashPlan plan, Condition range);

    /** count and sum of row hashes (as text) over the range. */
    String checksum(RowHashPlan plan, Condition range);

    /** Statements run in the checksum's transaction before it (planner settings for a range aggregate). */
    default List<String> beforeChecksum() {
        return List.of();
    }

    /** Keys and row hash in key order, at most N rows. Parameters: the range's, then N. */
    default String rowHashes(RowHashPlan plan, Condition range) {
        return "SELECT " + keyColumns(plan) + ", " + rowHash(plan) + " FROM " + table(plan.table()) + " WHERE " + range.sql()
                + " ORDER BY " + keyOrder(plan) + " " + firstRows();
    }

    /** The engine's clause that keeps the first N rows of an ordered listing, N a parameter. */
    String firstRows();

    /** A key value as both engines' drivers return it; an engine reads its own kinds first. */
    default Object readKey(ResultSet rs, int index, ColumnDefinition column) throws SQLException {
        return switch (column.kind()) {
            case DECIMAL -> rs.getBigDecimal(index);
            case STRING, FIXED_STRING -> rs.getString(index);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            default -> throw new SQLException("key column " + column + " cannot be read as a key");
        };
    }

    /** A SQL condition and the key values it binds. */
    record Condition(String sql, List<Object> params) {
        static Condition all() {
            return new Condition("1 = 1", List.of());
        }

        static Condition and(Condition a, Condition b) {
            List<Object> p = new ArrayList<>(a.params);
            p.addAll(b.params);
            return new Condition("(" + a.sql + ") AND (" + b.sql + ")", p);
        }
    }
}
