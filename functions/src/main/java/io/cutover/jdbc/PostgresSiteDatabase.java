package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;
import io.cutover.switchover.ReplicationRole;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SequenceValue;
import io.cutover.switchover.SiteDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * {@link SiteDatabase} for PostgreSQL over JDBC. Schema and table names are plain identifiers
 * (checked by the input parser and again here) written unquoted, so PostgreSQL folds them as it
 * does for the applications' own SQL.
 */
public final class PostgresSiteDatabase extends SqlSiteDatabase {

    private static final String SETTING = "session_replication_role";
    /** Beside a setting cutover makes, in the same pg_db_role_setting row: the run that made it. */
    private static final String MARKER = "cutover.replication_role_set_by";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    public PostgresSiteDatabase(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
    }

    public PostgresSiteDatabase(ConnectionFactory connections) {
        super(connections);
    }

    @Override
    public boolean tableExists(DbConnection site, String schema, String table) {
        return JdbcSession.run(connections, site, "table lookup", s -> s.one(
                "SELECT to_regclass(?) IS NOT NULL", rs -> rs.getBoolean(1), qualified(schema, table)));
    }

    @Override
    public void writeSentinel(DbConnection site, String schema, String table, String id, String siteName) {
        JdbcSession.run(connections, site, "sentinel write", s -> {
            s.execute("INSERT INTO " + qualified(schema, table) + " (id, site, written_at) VALUES (?, ?, clock_timestamp())"
                    + " ON CONFLICT (id) DO NOTHING", id, siteName);
            return null;
        });
    }

    /** See {@link PostgresSequences}: the value each sequence hands out next, read from the sequence itself. */
    @Override
    public List<SequenceValue> sequences(DbConnection site, String schema) {
        return JdbcSession.run(connections, site, "sequence values", s -> values(s, site, folded(schema)));
    }

    private static List<SequenceValue> values(JdbcSession s, DbConnection site, String pgSchema) throws SQLException {
        return PostgresSequences.read(s, site, List.of(pgSchema)).stream()
                .map(q -> new SequenceValue(q.name(), q.next(), q.maxValue())).toList();
    }

    @Override
    public SequenceAdvance advanceSequence(DbConnection site, String schema, String sequence, long next) {
        return advanceSequences(site, schema, Map.of(sequence, next)).get(0);
    }

    /** On one connection, the sequences read once (the sync runs inside the freeze). */
    @Override
    public List<SequenceAdvance> advanceSequences(DbConnection site, String schema, Map<String, Long> nextByName) {
        String pgSchema = folded(schema);
        return JdbcSession.run(connections, site, "sequence advance", s -> {
            Map<String, SequenceValue> now = new HashMap<>();
            values(s, site, pgSchema).forEach(v -> now.put(v.name(), v));
            List<SequenceAdvance> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : nextByName.entrySet()) {
                String sequence = e.getKey();
                long next = e.getValue();
                SequenceValue before = now.get(sequence);
                if (before == null) {
                    throw new ProbeException("sequence " + pgSchema + "." + sequence + " not found on "
                            + site.host() + ":" + site.port() + " (or it counts down)");
                }
                if (before.next() >= next) {
                    out.add(new SequenceAdvance(sequence, before.next(), before.next(), false));
                    continue;
                }
                if (next > before.maxValue()) {
                    throw new ProbeException("sequence " + pgSchema + "." + sequence + " cannot reach " + next
                            + ": its MAXVALUE is " + before.maxValue());
                }
                // is_called = false: the next nextval() returns exactly this value.
                s.one("SELECT setval(format('%I.%I', ?::text, ?::text)::regclass, ?, false)", rs -> rs.getLong(1),
                        pgSchema, sequence, next);
                out.add(new SequenceAdvance(sequence, before.next(), next, true));
            }
            return out;
        });
    }

    @Override
    public ReplicationRole replicationRole(DbConnection site) {
        // A new session: a kept one carries the role's setting from when it started, not what applications get now.
        return JdbcSession.runInNewSession(connections, site, "session_replication_role", s -> new ReplicationRole(true,
                s.one("SELECT current_setting('" + SETTING + "')", rs -> rs.getString(1)),
                overrides(s).stream().map(RoleSetting::describe).toList(), List.of()));
    }

    /**
     * Resets the settings cutover made (marked with {@value #MARKER}), not origin ones and not
     * anyone else's: those are reported as kept. A server-wide setting (on RDS: the DB parameter
     * group) cannot be changed from SQL; the caller sees it remain.
     */
    @Override
    public ReplicationRole restoreOriginRole(DbConnection site) {
        record Outcome(List<String> reset, List<String> kept) {
        }
        Outcome done = JdbcSession.run(connections, site, "session_replication_role reset", s -> {
            List<String> reset = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (RoleSetting o : overrides(s)) {
                if (o.value().equals("origin")) continue;
                if (o.setBy() == null) {
                    kept.add(o.describe());
                    continue;
                }
                for (String sql : List.of(o.resetStatement(SETTING), o.resetStatement(MARKER))) {
                    s.execute(sql);
                    reset.add(sql);
                }
            }
            return new Outcome(reset, kept);
        });
        // A new session shows what applications will get now.
        ReplicationRole after = replicationRole(site);
        return new ReplicationRole(true, after.effective(), after.overrides(), done.reset(), done.kept());
    }

    @Override
    public void holdReplicaRole(DbConnection site, String login, String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) throw new IllegalArgumentException("not a run id: " + runId);
        JdbcSession.run(connections, site, "session_replication_role hold", s -> {
            String target = "ALTER ROLE " + quote(login) + " IN DATABASE " + quote(site.database());
            s.execute(target + " SET " + SETTING + " = replica");
            s.execute(target + " SET " + MARKER + " = '" + runId + "'");
            return null;
        });
    }

    /** A database and/or role level setting, with the cutover run that made it (null: someone else). */
    private record RoleSetting(String database, String role, String value, String setBy) {
        String describe() {
            return (database == null ? "all databases" : "database " + database)
                    + (role == null ? "" : ", role " + role) + ": " + value
                    + (setBy == null ? "" : " (set by cutover run " + setBy + ")");
        }

        String resetStatement(String setting) {
            if (role == null) return "ALTER DATABASE " + quote(database) + " RESET " + setting;
            if (database == null) return "ALTER ROLE " + quote(role) + " RESET " + setting;
            return "ALTER ROLE " + quote(role) + " IN DATABASE " + quote(database) + " RESET " + setting;
        }
    }

    private static List<RoleSetting> overrides(JdbcSession s) throws SQLException {
        return s.list("""
                SELECT d.datname, r.rolname, substr(cfg, length('session_replication_role=') + 1),
                       (SELECT substr(m, length('cutover.replication_role_set_by=') + 1)
                          FROM unnest(st.setconfig) m WHERE m LIKE 'cutover.replication\\_role\\_set\\_by=%')
                  FROM pg_db_role_setting st
                  LEFT JOIN pg_database d ON d.oid = st.setdatabase
                  LEFT JOIN pg_roles r ON r.oid = st.setrole,
                       unnest(st.setconfig) cfg
                 WHERE cfg LIKE 'session\\_replication\\_role=%'
                   AND (st.setdatabase = 0 OR d.datname = current_database())
                 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST
                """, rs -> new RoleSetting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    @Override
    public OptionalLong newestHeartbeat(DbConnection site, String schema, String table, String siteName) {
        Long id = JdbcSession.run(connections, site, "newest heartbeat", s -> s.one(
                "SELECT max(id) FROM " + qualified(schema, table) + " WHERE site = ?", rs -> (Long) rs.getObject(1), siteName));
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    private static String folded(String identifier) {
        return checked(identifier).toLowerCase(Locale.ROOT);
    }
}
