package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.BlockingSession;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.LogicalSlotBlocked;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SlotUse;
import io.cutover.probe.SourceProbe;
import io.cutover.secrets.Secrets;
import io.cutover.waiting.Poll;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** {@link SourceProbe} for PostgreSQL (RDS or self-managed), over JDBC. */
public final class PostgresProbe implements SourceProbe {

    /** PostgreSQL's own rule for slot names; publications follow it too so one run id fits both. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String QUERY_CANCELED = "57014";
    /** Bound on the slot creation itself: it waits for open transactions, which are looked for first. */
    static final int SLOT_CREATION_SECONDS = 10;
    /**
     * How long transactions found open may take to end before they are named: a busy database
     * (DMS applying to it, applications writing) always has short ones in flight.
     */
    static final Duration SHORT_TRANSACTION_GRACE = Duration.ofSeconds(3);

    private final ConnectionFactory connections;

    public PostgresProbe(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
    }

    public PostgresProbe(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public CdcReadiness cdcReadiness(DbConnection source) {
        return JdbcSession.run(connections, source, "CDC readiness check", s -> s.one("""
                SELECT current_setting('wal_level'),
                       current_setting('max_replication_slots')::int,
                       (SELECT count(*) FROM pg_replication_slots)::int,
                       current_setting('max_wal_senders')::int,
                       (SELECT count(*) FROM pg_stat_replication)::int
                """, rs -> readiness(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))));
    }

    private static CdcReadiness readiness(String walLevel, int maxSlots, int slotsUsed, int maxSenders, int sendersUsed) {
        List<String> problems = new ArrayList<>();
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is " + walLevel + "; DMS CDC needs logical (rds.logical_replication=1)");
        }
        if (slotsUsed >= maxSlots) {
            problems.add("max_replication_slots is " + maxSlots + " and " + slotsUsed
                    + " slots exist; DMS CDC needs a free slot (raise max_replication_slots)");
        }
        if (sendersUsed >= maxSenders) {
            problems.add("max_wal_senders is " + maxSenders + " and " + sendersUsed
                    + " WAL senders are running; DMS CDC needs a free one (raise max_wal_senders)");
        }
        return new CdcReadiness(problems.isEmpty(), problems);
    }

    /**
     * The insert LSN, not {@code pg_current_wal_lsn()}: with synchronous_commit=off the write
     * position can trail commits already made, and a CDC start there would replay them twice.
     */
    @Override
    public Position currentPosition(DbConnection source) {
        String lsn = JdbcSession.run(connections, source, "current WAL position", s -> {
            requirePrimary(s, source, "a replica has no insert position");
            return s.one("SELECT pg_current_wal_insert_lsn()::text", rs -> rs.getString(1));
        });
        return new Position(Engine.POSTGRES, lsn, "pg_current_wal_insert_lsn()");
    }

    /**
     * Distance: source insert LSN minus replica replay LSN ({@link WalDistance}).
     * Seconds: 0 when nothing is left to replay. Otherwise {@code replay_lag} of the WAL sender
     * serving the replica's slot: the age of the oldest WAL the replica has not replayed, as of
     * its last reply (it replies on receiving WAL, else every wal_receiver_status_interval), so
     * it is the data's real staleness and keeps growing while replay is stuck. Without it (no
     * slot, or no measurement yet) the replica's {@code now() - pg_last_xact_replay_timestamp()},
     * which is what the RDS ReplicaLag metric reports; that one overstates right after an idle
     * spell (it counts from the last replayed commit), which can only delay a gate.
     */
    @Override
    public ReplicaLag lag(DbConnection source, DbConnection replica) {
        // Source first: the question is whether the replica has what the source had when asked.
        return JdbcSession.run(connections, source, "replica lag", s -> {
            String sourceLsn = s.one("SELECT pg_current_wal_insert_lsn()::text", rs -> rs.getString(1));
            int blockSize = s.one("SELECT current_setting('wal_block_size')::int", rs -> rs.getInt(1));
            ReplicaState state = replicaState(replica);
            long distance = WalDistance.unreplayed(Position.lsnToLong(sourceLsn), Position.lsnToLong(state.replayLsn()), blockSize);
            double seconds = distance == 0 ? 0 : behindSeconds(s, state);
            return new ReplicaLag(seconds, distance, sourceLsn, state.replayLsn());
        });
    }

    private ReplicaState replicaState(DbConnection replica) {
        ReplicaState state = JdbcSession.run(connections, replica, "replica replay position", s -> s.one("""
                SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
                       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8,
                       current_setting('primary_slot_name')
                """, rs -> new ReplicaState(rs.getBoolean(1), rs.getString(2), (Double) rs.getObject(3), rs.getString(4))));
        if (!state.inRecovery() || state.replayLsn() == null) {
            throw new ProbeException("lag: " + replica.host() + ":" + replica.port() + " is not a replica in recovery");
        }
        return state;
    }

    private static double behindSeconds(JdbcSession source, ReplicaState replica) throws SQLException {
        if (replica.slotName() != null && !replica.slotName().isEmpty()) {
            Double measured = source.one("""
                    SELECT max(extract(epoch FROM r.replay_lag))::float8
                      FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid
                     WHERE s.slot_name = ?
                    """, rs -> (Double) rs.getObject(1), replica.slotName());
            if (measured != null && measured > 0) return measured;
        }
        return replica.sinceLastReplay() == null ? 0 : Math.max(0, replica.sinceLastReplay());
    }

    private record ReplicaState(boolean inRecovery, String replayLsn, Double sinceLastReplay, String slotName) {
    }

    /** Backends holding a transaction id (they have written or locked rows), except this probe. */
    @Override
    public OpenTransactions openTransactions(DbConnection source) {
        return JdbcSession.run(connections, source, "open transactions", s -> s.one("""
                SELECT count(*)::int, min(xact_start)
                  FROM pg_stat_activity
                 WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                """, rs -> {
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            return new OpenTransactions(rs.getInt(1), oldest == null ? null : oldest.toInstant().toString());
        }));
    }

    /**
     * Publication first, then slot: pgoutput looks the publication up as of each decoded change,
     * so a publication younger than the slot makes decoding fail. Slot creation waits for every
     * transaction holding an xid when it starts: those are looked for first, given
     * {@link #SHORT_TRANSACTION_GRACE} to end, and the ones still open named
     * ({@link LogicalSlotBlocked}) rather than waited for blindly; one that starts in between and
     * stays open makes the creation time out after a few seconds, and is named then.
     */
    @Override
    public void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin) {
        checkName("slot", slotName);
        checkName("publication", publicationName);
        checkName("plugin", plugin);
        JdbcSession.run(connections, source, "logical slot preparation", s -> {
            requirePrimary(s, source, "create the slot on the primary");
            boolean published = s.one("SELECT count(*) FROM pg_publication WHERE pubname = ?", rs -> rs.getInt(1) > 0, publicationName);
            if (!published) {
                // Quoted after validation: the name comes from a run id.
                ignoreDuplicate(s, "CREATE PUBLICATION \"" + publicationName + "\" FOR ALL TABLES");
            }
            SlotState slot = s.one("""
                    SELECT count(*), max(plugin), max(slot_type), bool_or(database = current_database())
                      FROM pg_replication_slots WHERE slot_name = ?
                    """, rs -> new SlotState(rs.getInt(1) > 0, rs.getString(2), rs.getString(3), rs.getBoolean(4)), slotName);
            if (!slot.exists()) {
                List<BlockingSession> blockers = stillOpenAfterGrace(s);
                if (!blockers.isEmpty()) throw new LogicalSlotBlocked(slotName, blockers);
                try {
                    ignoreDuplicate(s, SLOT_CREATION_SECONDS, "SELECT pg_create_logical_replication_slot(?, ?)", slotName, plugin);
                } catch (SQLException e) {
                    if (!QUERY_CANCELED.equals(e.getSQLState())) throw e;
                    throw new LogicalSlotBlocked(slotName, openXidSessions(s));
                }
            } else if (!"logical".equals(slot.type()) || !plugin.equals(slot.plugin()) || !slot.thisDatabase()) {
                throw new ProbeException("slot " + slotName + " already exists as a " + slot.type() + " slot with plugin "
                        + slot.plugin() + (slot.thisDatabase() ? "" : " in another database")
                        + "; expected a logical " + plugin + " slot in " + source.database());
            }
            return null;
        });
    }

    private record SlotState(boolean exists, String plugin, String type, boolean thisDatabase) {
    }

    private static void ignoreDuplicate(JdbcSession s, String sql, Object... params) throws SQLException {
        ignoreDuplicate(s, Integer.MAX_VALUE, sql, params);
    }

    private static void ignoreDuplicate(JdbcSession s, int seconds, String sql, Object... params) throws SQLException {
        try {
            s.executeWithin(seconds, sql, params);
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) throw e; // a concurrent retry made it first
        }
    }

    /**
     * The transactions open now that are still open after {@link #SHORT_TRANSACTION_GRACE}: a
     * transaction is its pid and start, so a session that ends one and begins the next is not kept.
     */
    private static List<BlockingSession> stillOpenAfterGrace(JdbcSession s) throws SQLException {
        AtomicReference<List<BlockingSession>> open = new AtomicReference<>(openXidSessions(s));
        Poll.until(SHORT_TRANSACTION_GRACE, () -> {
            Set<String> now = stillOpen(s);
            return open.updateAndGet(was -> was.stream().filter(b -> now.contains(transaction(b))).toList()).isEmpty();
        });
        return open.get();
    }

    private static Set<String> stillOpen(JdbcSession s) {
        try {
            return openXidSessions(s).stream().map(PostgresProbe::transaction).collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new ProbeException("open transactions: " + e.getMessage(), e);
        }
    }

    private static String transaction(BlockingSession b) {
        return b.pid() + "@" + b.transactionStart();
    }

    /** Sessions holding a transaction id: a new logical slot waits for each of them to end. */
    private static List<BlockingSession> openXidSessions(JdbcSession s) throws SQLException {
        return s.list("""
                SELECT pid, usename, application_name, xact_start, state
                  FROM pg_stat_activity
                 WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                 ORDER BY xact_start
                """, rs -> {
            OffsetDateTime start = rs.getObject(4, OffsetDateTime.class);
            return new BlockingSession(rs.getInt(1), rs.getString(2), rs.getString(3),
                    start == null ? null : start.toInstant().toString(), rs.getString(5));
        });
    }

    /**
     * Drops the slot unless a walsender reads it, then the publication. pg_drop_replication_slot
     * refuses an active slot itself; checking first gives the reader's pid.
     */
    @Override
    public SlotRemoval dropLogicalSlot(DbConnection source, String slotName, String publicationName) {
        checkName("slot", slotName);
        checkName("publication", publicationName);
        return JdbcSession.run(connections, source, "logical slot removal", s -> {
            requirePrimary(s, source, "slots are dropped on the primary");
            Integer reader = s.one("""
                    SELECT count(*), max(active_pid) FROM pg_replication_slots WHERE slot_name = ?
                    """, rs -> rs.getInt(1) == 0 ? Integer.valueOf(-1) : (Integer) rs.getObject(2), slotName);
            if (reader != null && reader > 0) return new SlotRemoval(SlotRemoval.Outcome.IN_USE, reader);
            if (reader == null) s.execute("SELECT pg_drop_replication_slot(?)", slotName);
            s.execute("DROP PUBLICATION IF EXISTS \"" + publicationName + "\"");
            return new SlotRemoval(reader == null ? SlotRemoval.Outcome.DROPPED : SlotRemoval.Outcome.ABSENT, null);
        });
    }

    @Override
    public SlotUse logicalSlotUse(DbConnection source, String slotName) {
        checkName("slot", slotName);
        return JdbcSession.run(connections, source, "logical slot use", s -> s.one("""
                SELECT count(*), max(active_pid) FROM pg_replication_slots WHERE slot_name = ?
                """, rs -> rs.getInt(1) == 0 ? SlotUse.ABSENT : new SlotUse(true, (Integer) rs.getObject(2)), slotName));
    }

    private static void checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is invalid: use 1-63 characters of a-z, 0-9 and _ (PostgreSQL slot name rules)");
        }
    }

    /**
     * The LSN where the promoted server's timeline forked from the old primary's: the last line of
     * its timeline history file. The timeline comes from the current WAL file name, because
     * {@code pg_control_checkpoint()} still shows the old timeline until the first checkpoint.
     * The file is read with pg_read_file (superuser or pg_read_server_files); where that is
     * denied, as for RDS's rds_superuser, over a replication connection with TIMELINE_HISTORY.
     */
    @Override
    public Position forkPosition(DbConnection promoted) {
        record History(int timeline, String content, String via) {
        }
        History fromFile = JdbcSession.run(connections, promoted, "fork position", s -> {
            requirePrimary(s, promoted, "promote it before asking for its fork position");
            int timeline = s.one("SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)",
                    rs -> Integer.parseInt(rs.getString(1), 16));
            if (timeline == 1) {
                throw new ProbeException("fork position: " + promoted.host() + ":" + promoted.port()
                        + " is on timeline 1, so it was never promoted from a replica");
            }
            try {
                String content = s.one("SELECT pg_read_file(?)", rs -> rs.getString(1), "pg_wal/" + TimelineHistory.fileName(timeline));
                return new History(timeline, content, "pg_read_file");
            } catch (SQLException e) {
                if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) throw e;
                return new History(timeline, null, null);
            }
        });
        History history = fromFile.content() != null ? fromFile
                : JdbcSession.runReplication(connections, promoted, "fork position (TIMELINE_HISTORY)", s -> s.oneSimple(
                        "TIMELINE_HISTORY " + fromFile.timeline(),
                        rs -> new History(fromFile.timeline(), new String(rs.getBytes(2), StandardCharsets.UTF_8), "TIMELINE_HISTORY")));
        String lsn = TimelineHistory.forkLsn(history.content(), history.timeline());
        return new Position(Engine.POSTGRES, lsn, "fork LSN of timeline " + history.timeline() + " (pg_wal/"
                + TimelineHistory.fileName(history.timeline()) + " via " + history.via() + ")");
    }

    /** Nothing to force: a streaming replica receives WAL as it is written. */
    @Override
    public void forceRedo(DbConnection source) {
    }

    @Override
    public int userCommitsBetween(DbConnection source, String afterScn, String atOrBeforeScn) {
        throw new UnsupportedOperationException("Oracle only: PostgreSQL CDC starts exactly at the fork LSN");
    }

    private static void requirePrimary(JdbcSession s, DbConnection target, String advice) throws SQLException {
        if (s.one("SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1))) {
            throw new ProbeException(target.host() + ":" + target.port() + " is still in recovery (a replica): " + advice);
        }
    }
}
