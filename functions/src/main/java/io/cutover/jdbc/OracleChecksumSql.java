package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.validation.HashedColumn;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.ServerTraits;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.cutover.jdbc.ChecksumSql.quote;

/**
 * Oracle's row-hash SQL: the MD5 of the columns' canonical texts, exactly as
 * {@link PostgresChecksumSql} computes it across engines - MD5 of each canonical text (NULL as
 * '-'), MD5 of their concatenation, its first 15 hex digits as a number. Canonical texts: numbers
 * in plain decimal without trailing zeros (TO_CHAR 'TM9'), strings as they are (CHAR without its
 * padding), RAW in lower-case hex, DATE and TIMESTAMP to the microsecond, zoned timestamps in UTC.
 * Keys are ordered by bytes (NLS_SORT = BINARY) and ranged with expanded comparisons (Oracle has
 * no row-value inequality). Requires 12c+ (STANDARD_HASH, FETCH FIRST) and an AL32UTF8 database
 * for strings (else the planner leaves them out).
 */
final class OracleChecksumSql implements ChecksumSql {

    private static final String TIMESTAMP_FORMAT = "YYYY-MM-DD HH24:MI:SS.FF6";

    @Override
    public List<String> sessionSetup(int statementTimeoutSeconds) {
        return List.of("ALTER SESSION SET NLS_SORT = BINARY", "ALTER SESSION SET NLS_COMP = BINARY",
                "ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'", "ALTER SESSION SET TIME_ZONE = 'UTC'");
    }

    @Override
    public ServerTraits traits(Connection c, int timeoutSeconds) throws SQLException {
        String charset = CatalogQuery.on(c, timeoutSeconds).list(
                "SELECT VALUE FROM NLS_DATABASE_PARAMETERS WHERE PARAMETER = 'NLS_CHARACTERSET'", rs -> rs.getString(1))
                .stream().findFirst().orElse("?");
        int major = c.getMetaData().getDatabaseMajorVersion();
        return new ServerTraits(Engine.ORACLE, major * 10000, false, "AL32UTF8".equals(charset), false);
    }

    @Override
    public String rowHash(RowHashPlan plan) {
        if (plan.columns().isEmpty()) return "0";
        String parts = plan.columns().stream()
                .map(h -> "CASE WHEN " + canonical(h) + " IS NULL THEN '-' ELSE " + md5(canonical(h)) + " END")
                .collect(Collectors.joining(" || "));
        return "TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(" + parts + ", 'MD5')), 1, 15), 'XXXXXXXXXXXXXXX')";
    }

    private static String md5(String text) {
        return "LOWER(RAWTOHEX(STANDARD_HASH(" + text + ", 'MD5')))";
    }

    private static String canonical(HashedColumn h) {
        String x = quote(h.column().name());
        ValueKind kind = h.canonicalKind();
        if (kind == null) throw new IllegalArgumentException("Oracle hashes canonical texts only, not " + h);
        return switch (kind) {
            // TM9 prints the shortest plain form; '.5' gets its leading 0, and trailing zeros (none on Oracle) go.
            case INTEGER, DECIMAL -> "REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_CHAR(" + x + ", 'TM9'),"
                    + " '^(-?)\\.', '\\10.'), '(\\.[0-9]*[1-9])0+$', '\\1'), '\\.0*$', '')";
            case STRING -> "TO_CHAR(" + x + ")";
            case FIXED_STRING -> "RTRIM(TO_CHAR(" + x + "), ' ')";
            case BINARY -> "LOWER(RAWTOHEX(" + x + "))";
            case DATE, TIMESTAMP -> "TO_CHAR(CAST(" + x + " AS TIMESTAMP(6)), '" + TIMESTAMP_FORMAT + "')";
            case TIMESTAMP_TZ -> h.naiveTimeZone() == null
                    ? "TO_CHAR(SYS_EXTRACT_UTC(" + x + "), '" + TIMESTAMP_FORMAT + "')"
                    : "TO_CHAR(SYS_EXTRACT_UTC(FROM_TZ(CAST(" + x + " AS TIMESTAMP(6)), '"
                    + PostgresChecksumSql.zone(h.naiveTimeZone()) + "')), '" + TIMESTAMP_FORMAT + "')";
            default -> throw new IllegalArgumentException("no canonical text for " + kind);
        };
    }

    @Override
    public String keyOrder(RowHashPlan plan) {
        return keyColumns(plan);
    }

    /**
     * (k1, k2) &gt;= (a, b) spelled out: k1 &gt; a OR (k1 = a AND k2 &gt;= b); the last column
     * takes &gt;= for a lower bound and &lt; for an upper one.
     */
    @Override
    public Condition bound(RowHashPlan plan, Key key, boolean lower) {
        List<ColumnDefinition> cols = plan.key();
        String strict = lower ? ">" : "<";
        String last = lower ? ">=" : "<";
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            String k = quote(cols.get(i).name());
            Object v = key.values().get(i);
            if (i == cols.size() - 1) {
                sql.append(k).append(' ').append(last).append(" ?");
                params.add(v);
            } else {
                sql.append("(").append(k).append(' ').append(strict).append(" ? OR (").append(k).append(" = ? AND ");
                params.add(v);
                params.add(v);
            }
        }
        sql.append(")".repeat(2 * (cols.size() - 1)));
        return new Condition(sql.toString(), params);
    }

    /** SAMPLE BLOCK takes a percentage below 100; at 100 the whole table is read. */
    @Override
    public String sampledBoundaries(RowHashPlan plan, double samplePercent) {
        String keys = keyColumns(plan);
        String sample = samplePercent >= 100 ? "" : " SAMPLE BLOCK (" + String.format(Locale.ROOT, "%.6f", samplePercent) + ")";
        return "SELECT " + keys + " FROM (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + keys + ") AS RN,"
                + " COUNT(*) OVER () AS N FROM " + table(plan.table()) + sample + ")"
                + " WHERE MOD(RN, GREATEST(1, TRUNC(N / ?))) = 0 AND RN < N ORDER BY " + keys;
    }

    /** The whole sample numbered (so the step is the whole-table cut's), only the keys inside the range returned. */
    @Override
    public String sampledBoundaries(RowHashPlan plan, double samplePercent, Condition range) {
        String keys = keyColumns(plan);
        String sample = samplePercent >= 100 ? "" : " SAMPLE BLOCK (" + String.format(Locale.ROOT, "%.6f", samplePercent) + ")";
        return "SELECT " + keys + " FROM (SELECT " + keys + ", INSIDE, ROW_NUMBER() OVER (ORDER BY " + keys + ") AS RN,"
                + " COUNT(*) OVER () AS N FROM (SELECT " + keys + ", CASE WHEN (" + range.sql() + ") THEN 1 ELSE 0 END AS INSIDE FROM "
                + table(plan.table()) + sample + "))"
                + " WHERE INSIDE = 1 AND MOD(RN, GREATEST(1, TRUNC(N / ?))) = 0 AND RN < N ORDER BY " + keys;
    }

    @Override
    public String rangeQuantiles(RowHashPlan plan, Condition range) {
        String keys = keyColumns(plan);
        return "SELECT " + keys + " FROM (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + keys + ") AS RN FROM "
                + table(plan.table()) + " WHERE " + range.sql() + ") WHERE MOD(RN, ?) = 1 AND RN > 1 ORDER BY " + keys;
    }

    @Override
    public String checksum(RowHashPlan plan, Condition range) {
        return "SELECT COUNT(*), TO_CHAR(NVL(SUM(" + rowHash(plan) + "), 0)) FROM " + table(plan.table()) + " WHERE " + range.sql();
    }

    @Override
    public String firstRows() {
        return "FETCH FIRST ? ROWS ONLY";
    }

    /** NUMBER keys, integers too, as BigDecimal. */
    @Override
    public Object readKey(ResultSet rs, int index, ColumnDefinition column) throws SQLException {
        return column.kind() == ValueKind.INTEGER ? rs.getBigDecimal(index) : ChecksumSql.super.readKey(rs, index, column);
    }
}
