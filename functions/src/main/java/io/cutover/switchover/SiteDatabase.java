package io.cutover.switchover;

import io.cutover.probe.DbConnection;
import io.cutover.waiting.Poll;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Port: what a switchover asks of the databases at either site, besides the source probes'
 * positions and slots: sentinel rows that follow the replicated data, sequences (which DMS does
 * not carry), the PostgreSQL {@code session_replication_role}, and heartbeat rows. One
 * implementation per engine.
 */
public interface SiteDatabase {

    boolean tableExists(DbConnection site, String schema, String table);

    /**
     * Writes a sentinel row {@code (id, site, written_at)}; writing the same id again changes
     * nothing, so a retried step does not fail on its own earlier write.
     */
    void writeSentinel(DbConnection site, String schema, String table, String id, String siteName);

    boolean hasSentinel(DbConnection site, String schema, String table, String id);

    /**
     * Waits at most {@code budget} for the sentinel, asking at once, then after {@code pause}, the
     * pause doubling up to {@link Poll#EVERY} (a quick trip is seen quickly, a slow one is not asked
     * more often than before). An adapter asks on one connection (the drain waits inside the
     * freeze); this default asks {@link #hasSentinel} each time.
     */
    default boolean awaitSentinel(DbConnection site, String schema, String table, String id, Duration budget,
                                  Duration pause) {
        return Poll.until(budget, pause, Poll.EVERY, () -> hasSentinel(site, schema, table, id));
    }

    /** Ascending sequences of the schema with the value each would hand out next. */
    List<SequenceValue> sequences(DbConnection site, String schema);

    /**
     * Moves a sequence forward so the next value it hands out is at least {@code next}; never
     * moves it back. Decides on the sequence's real state, not on catalog values (a cached Oracle
     * sequence's LAST_NUMBER can be ahead of what it hands out next).
     */
    SequenceAdvance advanceSequence(DbConnection site, String schema, String sequence, long next);

    /**
     * {@link #advanceSequence} for each entry, in its order (an adapter does them on one
     * connection): the results in the same order.
     */
    default List<SequenceAdvance> advanceSequences(DbConnection site, String schema, Map<String, Long> nextByName) {
        return nextByName.entrySet().stream().map(e -> advanceSequence(site, schema, e.getKey(), e.getValue())).toList();
    }

    /** How {@code session_replication_role} is set for new sessions (PostgreSQL; Oracle: not applicable). */
    ReplicationRole replicationRole(DbConnection site);

    /**
     * Resets the {@code session_replication_role} settings cutover made (see {@link #holdReplicaRole})
     * so new sessions of those logins run with {@code origin} (triggers and foreign keys on); a
     * setting someone else made is left and reported. @return the role afterwards
     */
    ReplicationRole restoreOriginRole(DbConnection site);

    /**
     * Sets {@code session_replication_role = replica} for a login in the site's database (a full
     * load's apply login: no triggers, no foreign key checks), marked with the run that set it so a
     * later restore resets exactly this and nothing someone else set.
     */
    void holdReplicaRole(DbConnection site, String login, String runId);

    /** Highest id of the heartbeat rows written at the given site; empty if none. */
    OptionalLong newestHeartbeat(DbConnection site, String schema, String table, String siteName);

    boolean hasHeartbeat(DbConnection site, String schema, String table, long id);
}
