package io.cutover.jdbc;

import io.cutover.migrate.TableName;
import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.migrate.preparation.RoleRestore;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link TargetPreparation} for PostgreSQL. Definitions come from the catalog's own DDL functions
 * (pg_get_indexdef, pg_get_constraintdef, pg_get_triggerdef) plus what they leave out and a
 * recreate must restore: a trigger's enabled state, comments, the clustered index, an index's
 * tablespace. Indexes behind a primary key, an exclusion constraint or the replica identity stay
 * in place. Recreation is concurrent for indexes (no lock on writes) and in two steps for foreign
 * keys (NOT VALID, then VALIDATE with a weaker lock).
 */
public final class PostgresTargetPreparation implements TargetPreparation {

    private static final String SETTING = "session_replication_role";
    private static final Pattern INDEX_HEAD = Pattern.compile("^CREATE (UNIQUE )?INDEX (\"(?:[^\"]|\"\")+\"|\\S+) ON ");

    private final ConnectionFactory connections;

    public PostgresTargetPreparation(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, PostgresTableChecksums.longStatements(JdbcSettings.fromEnvironment())));
    }

    public PostgresTargetPreparation(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public List<HeldBackObject> heldBackObjects(DbConnection target, Collection<TableName> tables) {
        String[] names = tables.stream().map(t -> quote(t.schema()) + "." + quote(t.table())).toArray(String[]::new);
        return JdbcSession.run(connections, target, "secondary objects", s -> {
            List<HeldBackObject> out = new ArrayList<>();
            out.addAll(s.list("""
                    WITH t AS (SELECT to_regclass(x) AS oid FROM unnest(?::text[]) x)
                    SELECT n.nspname, r.relname, i.relname,
                           pg_get_indexdef(x.indexrelid) || coalesce(' TABLESPACE ' || quote_ident(ts.spcname), ''),
                           x.indisclustered, obj_description(x.indexrelid, 'pg_class')
                      FROM pg_index x
                      JOIN t ON t.oid = x.indrelid
                      JOIN pg_class i ON i.oid = x.indexrelid
                      JOIN pg_class r ON r.oid = x.indrelid
                      JOIN pg_namespace n ON n.oid = r.relnamespace
                      LEFT JOIN pg_tablespace ts ON ts.oid = i.reltablespace
                     WHERE NOT x.indisprimary AND NOT x.indisreplident
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = x.indrelid
                                          AND c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
                     ORDER BY 1, 2, 3
                    """, rs -> HeldBackObject.index(new TableName(rs.getString(1), rs.getString(2)), rs.getString(3),
                    rs.getString(4), rs.getBoolean(5), rs.getString(6)), (Object) names));
            out.addAll(s.list("""
                    WITH t AS (SELECT to_regclass(x) AS oid FROM unnest(?::text[]) x)
                    SELECT DISTINCT n.nspname, r.relname, c.conname, c.contype, pg_get_constraintdef(c.oid),
                           CASE WHEN c.contype = 'u' THEN pg_get_indexdef(c.conindid) END, c.convalidated,
                           obj_description(c.oid, 'pg_constraint'), x.indisclustered
                      FROM pg_constraint c
                      JOIN t ON t.oid = c.conrelid OR (c.contype = 'f' AND t.oid = c.confrelid)
                      JOIN pg_class r ON r.oid = c.conrelid
                      JOIN pg_namespace n ON n.oid = r.relnamespace
                      LEFT JOIN pg_index x ON x.indexrelid = c.conindid AND c.contype = 'u'
                     WHERE c.contype IN ('u', 'f') AND (c.contype = 'f' OR t.oid = c.conrelid)
                     ORDER BY 1, 2, 3
                    """, rs -> new HeldBackObject("u".equals(rs.getString(4)) ? HeldBackObject.Kind.UNIQUE_CONSTRAINT
                    : HeldBackObject.Kind.FOREIGN_KEY, new TableName(rs.getString(1), rs.getString(2)), rs.getString(3),
                    rs.getString(5), rs.getString(6), rs.getBoolean(7), null, rs.getBoolean(9), rs.getString(8)),
                    (Object) names));
            out.addAll(s.list("""
                    WITH t AS (SELECT to_regclass(x) AS oid FROM unnest(?::text[]) x)
                    SELECT n.nspname, r.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled::text,
                           obj_description(g.oid, 'pg_trigger')
                      FROM pg_trigger g
                      JOIN t ON t.oid = g.tgrelid
                      JOIN pg_class r ON r.oid = g.tgrelid
                      JOIN pg_namespace n ON n.oid = r.relnamespace
                     WHERE NOT g.tgisinternal AND g.tgparentid = 0
                     ORDER BY 1, 2, 3
                    """, rs -> new HeldBackObject(HeldBackObject.Kind.TRIGGER, new TableName(rs.getString(1), rs.getString(2)),
                    rs.getString(3), rs.getString(4), null, true, rs.getString(5), false, rs.getString(6)), (Object) names));
            return out;
        });
    }

    @Override
    public AppliedChange drop(DbConnection target, HeldBackObject o) {
        long started = System.nanoTime();
        String table = table(o.table());
        List<String> done = JdbcSession.run(connections, target, "drop " + o, s -> {
            if (!exists(s, o)) return List.of();
            String sql = switch (o.kind()) {
                case INDEX -> "DROP INDEX " + quote(o.table().schema()) + "." + quote(o.name());
                case UNIQUE_CONSTRAINT, FOREIGN_KEY -> "ALTER TABLE " + table + " DROP CONSTRAINT " + quote(o.name());
                case TRIGGER -> "DROP TRIGGER " + quote(o.name()) + " ON " + table;
            };
            s.execute(sql);
            return List.of(sql);
        });
        return new AppliedChange(o, done, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public AppliedChange recreate(DbConnection target, HeldBackObject o) {
        return recreate(target, o, connections.statementTimeout());
    }

    @Override
    public AppliedChange recreate(DbConnection target, HeldBackObject o, Duration timeLimit) {
        long started = System.nanoTime();
        List<String> done = JdbcSession.runWithin(connections, target, "recreate " + o, timeLimit, s -> {
            List<String> statements = new ArrayList<>();
            switch (o.kind()) {
                case INDEX -> {
                    if (buildIndex(s, o, o.name(), o.definition(), statements)) {
                        comment(s, "INDEX " + quote(o.table().schema()) + "." + quote(o.name()), o.comment(), statements);
                        if (o.clustered()) run(s, "ALTER TABLE " + table(o.table()) + " CLUSTER ON " + quote(o.name()), statements);
                    }
                }
                case UNIQUE_CONSTRAINT -> {
                    if (!exists(s, o)) {
                        buildIndex(s, o, o.name(), o.indexDefinition(), statements);
                        run(s, "ALTER TABLE " + table(o.table()) + " ADD CONSTRAINT " + quote(o.name()) + " UNIQUE USING INDEX "
                                + quote(o.name()) + deferrable(o.definition()), statements);
                        comment(s, "CONSTRAINT " + quote(o.name()) + " ON " + table(o.table()), o.comment(), statements);
                        if (o.clustered()) run(s, "ALTER TABLE " + table(o.table()) + " CLUSTER ON " + quote(o.name()), statements);
                    }
                }
                case FOREIGN_KEY -> {
                    String table = table(o.table());
                    if (!exists(s, o)) {
                        String def = o.definition().endsWith(" NOT VALID") ? o.definition() : o.definition() + " NOT VALID";
                        run(s, "ALTER TABLE " + table + " ADD CONSTRAINT " + quote(o.name()) + " " + def, statements);
                        comment(s, "CONSTRAINT " + quote(o.name()) + " ON " + table, o.comment(), statements);
                    }
                    if (o.validated() && !s.one("SELECT convalidated FROM pg_constraint WHERE conrelid = ?::regclass"
                            + " AND conname = ?", rs -> rs.getBoolean(1), table, o.name())) {
                        run(s, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + quote(o.name()), statements);
                    }
                }
                case TRIGGER -> {
                    if (!exists(s, o)) {
                        run(s, o.definition(), statements);
                        comment(s, "TRIGGER " + quote(o.name()) + " ON " + table(o.table()), o.comment(), statements);
                    }
                    String enabled = s.one("SELECT tgenabled::text FROM pg_trigger WHERE tgrelid = ?::regclass AND tgname = ?",
                            rs -> rs.getString(1), table(o.table()), o.name());
                    if (!enabled.equals(o.triggerEnabled())) {
                        run(s, "ALTER TABLE " + table(o.table()) + " " + enableClause(o.triggerEnabled()) + " TRIGGER "
                                + quote(o.name()), statements);
                    }
                }
            }
            return statements;
        });
        return new AppliedChange(o, done, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * CREATE INDEX CONCURRENTLY under the recorded name. An index of that name left INVALID by an
     * interrupted build is dropped first; a valid one with the recorded definition is kept.
     *
     * @return whether it was built now
     */
    private static boolean buildIndex(JdbcSession s, HeldBackObject o, String name, String definition, List<String> statements)
            throws SQLException {
        String qualified = quote(o.table().schema()) + "." + quote(name);
        Boolean valid = s.one("SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?))",
                rs -> (Boolean) rs.getObject(1), qualified);
        if (Boolean.TRUE.equals(valid)) return false;
        if (Boolean.FALSE.equals(valid)) run(s, "DROP INDEX CONCURRENTLY IF EXISTS " + qualified, statements);
        Matcher head = INDEX_HEAD.matcher(definition);
        if (!head.find()) throw new SQLException("not an index definition: " + definition);
        run(s, "CREATE " + (head.group(1) == null ? "" : head.group(1)) + "INDEX CONCURRENTLY " + quote(name) + " ON "
                + definition.substring(head.end()), statements);
        return true;
    }

    private static String deferrable(String constraintDefinition) {
        if (constraintDefinition.endsWith(" DEFERRABLE INITIALLY DEFERRED")) return " DEFERRABLE INITIALLY DEFERRED";
        return constraintDefinition.endsWith(" DEFERRABLE") ? " DEFERRABLE" : "";
    }

    private static String enableClause(String tgenabled) {
        return switch (tgenabled) {
            case "O" -> "ENABLE";
            case "D" -> "DISABLE";
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> throw new IllegalArgumentException("unknown trigger state " + tgenabled);
        };
    }

    private static void comment(JdbcSession s, String what, String comment, List<String> statements) throws SQLException {
        if (comment != null) run(s, "COMMENT ON " + what + " IS " + literal(comment), statements);
    }

    private static boolean exists(JdbcSession s, HeldBackObject o) throws SQLException {
        String table = table(o.table());
        return switch (o.kind()) {
            case INDEX -> s.one("SELECT to_regclass(?) IS NOT NULL", rs -> rs.getBoolean(1),
                    quote(o.table().schema()) + "." + quote(o.name()));
            case UNIQUE_CONSTRAINT, FOREIGN_KEY -> s.one("SELECT count(*) > 0 FROM pg_constraint WHERE conrelid = to_regclass(?)"
                    + " AND conname = ?", rs -> rs.getBoolean(1), table, o.name());
            case TRIGGER -> s.one("SELECT count(*) > 0 FROM pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = ?",
                    rs -> rs.getBoolean(1), table, o.name());
        };
    }

    private static void run(JdbcSession s, String sql, List<String> statements) throws SQLException {
        s.execute(sql);
        statements.add(sql);
    }

    @Override
    public RoleSetting setReplicaRole(DbConnection target, String role) {
        return JdbcSession.run(connections, target, SETTING + " for " + role, s -> {
            requireRole(s, role);
            String database = s.one("SELECT current_database()", rs -> rs.getString(1));
            String previous = roleValue(s, role);
            if ("replica".equals(previous)) return new RoleSetting(role, database, previous, null);
            String sql = "ALTER ROLE " + quote(role) + " IN DATABASE " + quote(database) + " SET " + SETTING + " = replica";
            s.execute(sql);
            return new RoleSetting(role, database, previous, sql);
        });
    }

    @Override
    public RoleRestore restoreRole(DbConnection target, RoleSetting recorded) {
        return JdbcSession.run(connections, target, SETTING + " restore for " + recorded.role(), s -> {
            String current = roleValue(s, recorded.role());
            if (!recorded.changedByRun()) return new RoleRestore(null, current, "not changed by the run: left as it is");
            if (!"replica".equals(current)) {
                return new RoleRestore(null, current, java.util.Objects.equals(current, recorded.previous())
                        ? "already restored" : "changed since the run set it (now " + current + "): left as it is");
            }
            String prefix = "ALTER ROLE " + quote(recorded.role()) + " IN DATABASE " + quote(recorded.database());
            String sql = recorded.previous() == null ? prefix + " RESET " + SETTING
                    : prefix + " SET " + SETTING + " = " + literal(recorded.previous());
            s.execute(sql);
            return new RoleRestore(sql, roleValue(s, recorded.role()), null);
        });
    }

    /** The role's own setting in this database (pg_db_role_setting), null when it has none. */
    private static String roleValue(JdbcSession s, String role) throws SQLException {
        return s.one("""
                SELECT (SELECT substr(cfg, length('session_replication_role=') + 1)
                          FROM pg_db_role_setting st, unnest(st.setconfig) cfg
                         WHERE st.setrole = (SELECT oid FROM pg_roles WHERE rolname = ?)
                           AND st.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
                           AND cfg LIKE 'session\\_replication\\_role=%')
                """, rs -> rs.getString(1), role);
    }

    private static void requireRole(JdbcSession s, String role) throws SQLException {
        if (!s.one("SELECT count(*) > 0 FROM pg_roles WHERE rolname = ?", rs -> rs.getBoolean(1), role)) {
            throw new SQLException("no role " + role + " on the target");
        }
    }

    private static String table(TableName t) {
        return quote(t.schema()) + "." + quote(t.table());
    }

    private static String quote(String identifier) {
        return ChecksumSql.quote(identifier);
    }

    /** A string literal; standard_conforming_strings (on since PostgreSQL 9.1) keeps backslashes literal. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
