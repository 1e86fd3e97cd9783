package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads tables from the PostgreSQL catalog: columns with their kind, whether DMS treats them as
 * LOBs (DMS user guide, PostgreSQL source data types: text, bytea, json, jsonb, xml, arrays, hstore
 * and varchar without a length are LOBs), whether the engine's hash is exact for them, their
 * collation, and the primary key. Partitions are left out: their parent stands for them.
 */
final class PostgresTableDefinitions {

    /** Types whose hash function tells apart every two values their text forms tell apart. */
    private static final Set<String> EXACT_HASH = Set.of("int2", "int4", "int8", "oid", "bool", "text", "varchar", "bpchar",
            "name", "bytea", "date", "time", "timetz", "timestamp", "timestamptz", "uuid", "inet", "cidr", "macaddr",
            "macaddr8", "money", "char");
    private static final Set<String> BYTE_ORDER_COLLATIONS = Set.of("C", "POSIX", "ucs_basic", "pg_c_utf8", "C.UTF-8", "C.utf8");

    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typcategory,
                   t.typtype, a.atttypmod, bt.typelem <> 0 AND bt.typcategory = 'A',
                   CASE WHEN a.attcollation = 0 THEN NULL
                        WHEN co.collname = 'default' THEN 'default:' || d.datcollate
                             || coalesce(':' || coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale'), '')
                        ELSE co.collname END,
                   coalesce(co.collisdeterministic, true),
                   c.reltuples::bigint, pg_table_size(c.oid)
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_type t ON t.oid = a.atttypid
              JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
              LEFT JOIN pg_collation co ON co.oid = a.attcollation
              CROSS JOIN (SELECT * FROM pg_database WHERE datname = current_database()) d
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%%'
               AND n.nspname NOT LIKE 'pg\\_temp%%' %s
             ORDER BY n.nspname, c.relname, a.attnum
            """;
    private static final String KEYS = """
            SELECT n.nspname, c.relname, a.attname
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
             WHERE k.contype = 'p' %s
             ORDER BY n.nspname, c.relname, u.ord
            """;

    private PostgresTableDefinitions() {
    }

    /** Every user table of the database. */
    static List<TableDefinition> all(CatalogQuery query) throws SQLException {
        return read(query, "");
    }

    /** One table, or none when it does not exist. */
    static List<TableDefinition> one(CatalogQuery query, TableName table) throws SQLException {
        return read(query, "AND n.nspname = ? AND c.relname = ?", table.schema(), table.table());
    }

    private static List<TableDefinition> read(CatalogQuery query, String filter, Object... params) throws SQLException {
        return CatalogQuery.tables(
                query.list(COLUMNS.formatted(filter), rs -> new CatalogQuery.ColumnRow(new TableName(rs.getString(1),
                        rs.getString(2)), column(rs), rs.getLong(12), rs.getLong(13)), params),
                query.list(KEYS.formatted(filter), rs -> new CatalogQuery.KeyRow(new TableName(rs.getString(1),
                        rs.getString(2)), rs.getString(3)), params));
    }

    private static ColumnDefinition column(ResultSet rs) throws SQLException {
        String name = rs.getString(3);
        String dataType = rs.getString(4);
        String base = rs.getString(5);
        String category = rs.getString(6);
        boolean enumOrComposite = "e".equals(rs.getString(7)) || "c".equals(rs.getString(7));
        int typmod = rs.getInt(8);
        boolean array = rs.getBoolean(9);
        String collation = rs.getString(10);
        boolean deterministic = rs.getBoolean(11);
        ValueKind kind = array || enumOrComposite ? ValueKind.OTHER : kind(base, category);
        boolean lob = array || Set.of("text", "bytea", "json", "jsonb", "xml", "hstore").contains(base)
                || ("varchar".equals(base) && typmod < 0);
        // numeric without a declared scale keeps trailing zeros its hash ignores (1.0 and 1.00 hash alike).
        boolean exact = !array && !enumOrComposite && deterministic
                && (EXACT_HASH.contains(base) || ("numeric".equals(base) && typmod >= 0));
        boolean byteOrdered = collation == null || BYTE_ORDER_COLLATIONS.contains(collation)
                || collation.startsWith("default:C:") || collation.startsWith("default:C.") || collation.startsWith("default:POSIX");
        return new ColumnDefinition(name, dataType, kind, lob, exact, collation, byteOrdered);
    }

    private static ValueKind kind(String base, String category) {
        return switch (base) {
            case "int2", "int4", "int8" -> ValueKind.INTEGER;
            case "numeric" -> ValueKind.DECIMAL;
            case "float4", "float8" -> ValueKind.FLOAT;
            case "text", "varchar", "name", "citext" -> ValueKind.STRING;
            case "bpchar" -> ValueKind.FIXED_STRING;
            case "bytea" -> ValueKind.BINARY;
            case "date" -> ValueKind.DATE;
            case "timestamp" -> ValueKind.TIMESTAMP;
            case "timestamptz" -> ValueKind.TIMESTAMP_TZ;
            case "time", "timetz" -> ValueKind.TIME;
            case "bool" -> ValueKind.BOOLEAN;
            case "uuid" -> ValueKind.UUID;
            case "json", "jsonb" -> ValueKind.JSON;
            case "xml" -> ValueKind.XML;
            case "interval" -> ValueKind.INTERVAL;
            default -> "S".equals(category) ? ValueKind.STRING : ValueKind.OTHER;
        };
    }
}
