package io.cutover.rehearsal.local;

import io.cutover.json.Json;
import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.replication.TableStatistic;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DMS full-load (and CDC) task on real PostgreSQL: the tables the task's table mappings select
 * on the source go into a publication; a subscription on the target with {@code copy_data = true}
 * makes its own slot, copies every table (one table-sync worker per table, each a COPY at a
 * snapshot consistent with the slot) and then streams the changes made since - DMS's full load,
 * cached changes and CDC in one. The target's tables must exist (a pre-loaded schema), as with
 * {@code TargetTablePrepMode} DO_NOTHING or TRUNCATE_BEFORE_LOAD; DROP_AND_CREATE is not modelled.
 *
 * <p>Table statistics come from the subscription's per-table state ({@code pg_subscription_rel}),
 * the COPY in progress ({@code pg_stat_progress_copy}) and the target's own counters
 * ({@code pg_stat_user_tables}, less what they held when the task started).
 */
final class LocalFullLoad {

    /** A task's TargetTablePrepMode (FullLoadSettings), DMS's default being DROP_AND_CREATE. */
    enum PrepMode { DO_NOTHING, TRUNCATE_BEFORE_LOAD, DROP_AND_CREATE }

    /** A selected table: its counters on the target when the task started, its rows on the source then. */
    private record Table(TableName name, long sourceRows, long[] baseline) {
    }

    /** One started task: its tables, when each finished loading and with how many rows. */
    static final class Load {
        final String subscription;
        final List<String> publications;
        final Map<TableName, Table> tables = new LinkedHashMap<>();
        final Map<TableName, Long> fullLoadRows = new ConcurrentHashMap<>();
        final Map<TableName, Instant> loadedAt = new ConcurrentHashMap<>();
        /**
         * The most rows each table's copy was seen at: pg_stat_progress_copy ends with the copy, while
         * the table waits in 'f'/'s' for the apply worker before 'r' - without it the progress would
         * fall back to nothing there.
         */
        final Map<TableName, Long> copied = new ConcurrentHashMap<>();
        final Instant started = Instant.now();
        volatile Instant finished;
        /** DMS's own validation when the task's settings turn it on, else null. */
        volatile LocalDmsValidation validation;

        Load(String subscription, List<String> publications) {
            this.subscription = subscription;
            this.publications = publications;
        }

        /** The tables loaded so far. */
        List<TableName> loaded() {
            return tables.keySet().stream().filter(fullLoadRows::containsKey).toList();
        }

        /** DMS's FullLoadProgressPercent: rows loaded of the rows the source had, finished tables counting in full. */
        int progressPercent(Map<TableName, Long> loadingRows) {
            if (finished != null) return 100;
            long total = 0;
            long done = 0;
            for (Table t : tables.values()) {
                total += Math.max(t.sourceRows(), 1);
                done += fullLoadRows.containsKey(t.name()) ? Math.max(t.sourceRows(), 1)
                        : Math.min(loadingRows.getOrDefault(t.name(), 0L), t.sourceRows());
            }
            return total == 0 ? 100 : (int) Math.min(99, done * 100 / total);
        }
    }

    private LocalFullLoad() {
    }

    static PrepMode prepMode(String settingsJson) {
        if (settingsJson == null || settingsJson.isBlank()) return PrepMode.DROP_AND_CREATE;
        try {
            String mode = Json.mapper().readTree(settingsJson).path("FullLoadSettings").path("TargetTablePrepMode")
                    .asText("DROP_AND_CREATE");
            return PrepMode.valueOf(mode);
        } catch (IOException e) {
            throw new IllegalArgumentException("ReplicationTaskSettings are not JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FullLoadSettings.TargetTablePrepMode: expected DO_NOTHING, "
                    + "TRUNCATE_BEFORE_LOAD or DROP_AND_CREATE", e);
        }
    }

    static TableMapping mapping(String tableMappingsJson) {
        try {
            return TableMappingParser.parse(Json.mapper().readValue(tableMappingsJson, Object.class), "TableMappings");
        } catch (IOException e) {
            throw new IllegalArgumentException("TableMappings are not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the load: publication(s) on the source for the selected tables, the target's tables
     * emptied when the mode says so, then the subscription that copies and streams.
     *
     * @param conninfo how the target reaches the source (libpq), credentials included: it never leaves the servers
     */
    static Load start(String taskIdentifier, TableMapping mapping, PrepMode mode, Connection source, Connection target,
                      String conninfo, boolean loopbackPrevention) throws SQLException {
        if (mode == PrepMode.DROP_AND_CREATE) {
            throw new IllegalStateException("TargetTablePrepMode DROP_AND_CREATE is not modelled by the local DMS"
                    + " (it would drop the target's pre-loaded schema): use DO_NOTHING or TRUNCATE_BEFORE_LOAD");
        }
        String name = LocalReplication.subscriptionName(taskIdentifier);
        List<TableName> withIdentity = new ArrayList<>();
        List<TableName> insertOnly = new ArrayList<>();
        for (Map.Entry<TableName, Boolean> t : sourceTables(source).entrySet()) {
            if (!mapping.selects(t.getKey())) continue;
            TableName on = mapping.targetTable(t.getKey());
            if (!on.equals(t.getKey())) {
                throw new IllegalStateException("table " + t.getKey() + " is renamed to " + on
                        + " by the table mappings: the local DMS (logical replication) does not rename");
            }
            (t.getValue() ? withIdentity : insertOnly).add(t.getKey());
        }
        if (withIdentity.isEmpty() && insertOnly.isEmpty()) {
            throw new IllegalStateException("No tables were found at task initialization: the table mappings select"
                    + " no table of the source");
        }
        List<String> publications = new ArrayList<>();
        try (Statement s = source.createStatement()) {
            if (!withIdentity.isEmpty()) {
                publications.add(name);
                s.execute("CREATE PUBLICATION " + name + " FOR TABLE " + list(withIdentity));
            }
            // As DMS's PostgreSQL source: a table without a replica identity gives no UPDATE or DELETE to capture.
            if (!insertOnly.isEmpty()) {
                publications.add(name + "_inserts");
                s.execute("CREATE PUBLICATION " + name + "_inserts FOR TABLE " + list(insertOnly)
                        + " WITH (publish = 'insert, truncate')");
            }
        }
        List<TableName> all = new ArrayList<>(withIdentity);
        all.addAll(insertOnly);
        all.sort(null);
        try (Statement s = target.createStatement()) {
            if (mode == PrepMode.TRUNCATE_BEFORE_LOAD) s.execute("TRUNCATE " + list(all));
        }
        Load load = new Load(name, publications);
        Map<TableName, long[]> counters = counters(target, all);
        for (TableName t : all) {
            load.tables.put(t, new Table(t, count(source, t), counters.getOrDefault(t, new long[3])));
        }
        try (Statement s = target.createStatement()) {
            s.execute("CREATE SUBSCRIPTION " + name + " CONNECTION '" + conninfo.replace("'", "''") + "' PUBLICATION "
                    + String.join(", ", publications) + " WITH (copy_data = true, create_slot = true, slot_name = '"
                    + name + "'" + (loopbackPrevention ? ", origin = none" : "") + ")");
        }
        return load;
    }

    /**
     * A CDC-only task's subscription (no copy): its tables are counted from now, with no full load rows.
     */
    static Load cdcOnly(String taskIdentifier, Connection target) throws SQLException {
        Load load = new Load(LocalReplication.subscriptionName(taskIdentifier), List.of());
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("""
                SELECT n.nspname, cl.relname FROM pg_subscription s
                  JOIN pg_subscription_rel sr ON sr.srsubid = s.oid
                  JOIN pg_class cl ON cl.oid = sr.srrelid
                  JOIN pg_namespace n ON n.oid = cl.relnamespace
                 WHERE s.subname = ? ORDER BY 1, 2
                """)) {
            ps.setString(1, load.subscription);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(new TableName(rs.getString(1), rs.getString(2)));
            }
        }
        Map<TableName, long[]> counters = counters(target, tables);
        for (TableName t : tables) {
            load.tables.put(t, new Table(t, 0, counters.getOrDefault(t, new long[3])));
            load.fullLoadRows.put(t, 0L);
        }
        load.finished = load.started;
        return load;
    }

    /**
     * Reads the subscription's tables once; records each table's FullLoadRows the first time it is
     * ready (its sync worker has exited, so its COPY is in the counters) and the load's end when all are.
     *
     * @return the statistics as DescribeTableStatistics would give them
     */
    static List<TableStatistic> observe(String taskIdentifier, Load load, Connection target) throws SQLException {
        Map<TableName, String> states = new LinkedHashMap<>();
        try (PreparedStatement ps = target.prepareStatement("""
                SELECT n.nspname, cl.relname, sr.srsubstate::text, pc.tuples_processed
                  FROM pg_subscription s
                  JOIN pg_subscription_rel sr ON sr.srsubid = s.oid
                  JOIN pg_class cl ON cl.oid = sr.srrelid
                  JOIN pg_namespace n ON n.oid = cl.relnamespace
                  LEFT JOIN pg_stat_progress_copy pc ON pc.relid = cl.oid
                 WHERE s.subname = ?
                """)) {
            ps.setQueryTimeout(10);
            ps.setString(1, load.subscription);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableName t = new TableName(rs.getString(1), rs.getString(2));
                    states.put(t, rs.getString(3));
                    if (rs.getObject(4) != null) load.copied.merge(t, rs.getLong(4), Math::max);
                }
            }
        }
        Map<TableName, long[]> counters = counters(target, load.tables.keySet());
        List<TableStatistic> out = new ArrayList<>();
        for (Table t : load.tables.values()) {
            String code = states.getOrDefault(t.name(), "");
            long[] now = counters.getOrDefault(t.name(), new long[3]);
            long inserted = now[0] - t.baseline()[0];
            if ("r".equals(code) && !load.fullLoadRows.containsKey(t.name())) {
                load.fullLoadRows.put(t.name(), Math.max(0, inserted));
                load.loadedAt.put(t.name(), Instant.now());
            }
            Long loaded = load.fullLoadRows.get(t.name());
            long fullLoadRows = loaded != null ? loaded : load.copied.getOrDefault(t.name(), 0L);
            long cdcInserts = loaded != null ? Math.max(0, inserted - loaded) : 0;
            String state = switch (code) {
                case "i" -> "Before load";
                case "d", "f" -> "Full load";
                case "s", "r" -> "Table completed";
                default -> "Table does not exist";
            };
            LocalDmsValidation validation = load.validation;
            LocalDmsValidation.State checked = validation == null ? null
                    : loaded != null ? validation.state(t.name()) : new LocalDmsValidation.State("Pending validation", 0, 0);
            out.add(new TableStatistic(taskIdentifier, t.name().schema(), t.name().table(), state, fullLoadRows, cdcInserts,
                    now[1] - t.baseline()[1], now[2] - t.baseline()[2], 0L,
                    checked == null ? "Not enabled" : checked.state(), checked == null ? null : checked.pending(),
                    checked == null ? null : checked.failed(), load.loadedAt.get(t.name())));
        }
        if (load.finished == null && load.fullLoadRows.size() == load.tables.size()) load.finished = Instant.now();
        return out;
    }

    /** The rows each table was copying, for the progress of tables not yet loaded. */
    static Map<TableName, Long> loading(List<TableStatistic> statistics) {
        Map<TableName, Long> rows = new LinkedHashMap<>();
        for (TableStatistic s : statistics) rows.put(new TableName(s.schema(), s.table()), s.rows());
        return rows;
    }

    /** Stops streaming; the slot stays on the source, as after StopReplicationTask. */
    static void stop(Load load, Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("ALTER SUBSCRIPTION " + load.subscription + " DISABLE");
        }
    }

    static void resume(Load load, Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("ALTER SUBSCRIPTION " + load.subscription + " ENABLE");
        }
    }

    /** User tables of the source and whether each has a replica identity that carries updates and deletes. */
    private static Map<TableName, Boolean> sourceTables(Connection source) throws SQLException {
        Map<TableName, Boolean> tables = new LinkedHashMap<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT n.nspname, c.relname,
                       c.relreplident = 'f'
                       OR (c.relreplident = 'd' AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))
                       OR (c.relreplident = 'i' AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident))
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                 ORDER BY 1, 2
                """)) {
            while (rs.next()) tables.put(new TableName(rs.getString(1), rs.getString(2)), rs.getBoolean(3));
        }
        return tables;
    }

    /** pg_stat_user_tables' inserts, updates and deletes of each table. */
    private static Map<TableName, long[]> counters(Connection c, java.util.Collection<TableName> tables) throws SQLException {
        Map<TableName, long[]> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables")) {
            while (rs.next()) {
                TableName t = new TableName(rs.getString(1), rs.getString(2));
                if (tables.contains(t)) out.put(t, new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            }
        }
        return out;
    }

    private static long count(Connection c, TableName t) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted(t))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String list(List<TableName> tables) {
        return String.join(", ", tables.stream().map(LocalFullLoad::quoted).toList());
    }

    static String quoted(TableName t) {
        return quote(t.schema()) + "." + quote(t.table());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static boolean isFullLoad(String migrationType) {
        return migrationType != null && migrationType.toLowerCase(Locale.ROOT).startsWith("full-load");
    }
}
