package io.cutover.probe;

/**
 * Port: read-only questions to the source database and its replica, plus the PostgreSQL
 * preparation DMS CDC needs (logical slot and publication). One implementation per engine.
 */
public interface SourceProbe {

    /** Oracle: ARCHIVELOG + supplemental logging; PostgreSQL: wal_level=logical and free slots. */
    CdcReadiness cdcReadiness(DbConnection source);

    /** The source's current position (SCN / WAL insert LSN). */
    Position currentPosition(DbConnection source);

    /** How far the replica's applied position is behind the source's current one. */
    ReplicaLag lag(DbConnection source, DbConnection replica);

    /** Transactions open on the source (Oracle V$TRANSACTION; PostgreSQL backends holding an xid). */
    OpenTransactions openTransactions(DbConnection source);

    /**
     * PostgreSQL only: creates the logical replication slot and publication on the source,
     * before promotion, so no change after the fork is lost. Idempotent.
     */
    void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin);

    /**
     * The exact CDC start position after promotion. PostgreSQL: the LSN where the promoted
     * server's timeline forked (from its timeline history). Oracle: not available here
     * (the SCN is captured before promotion) - throws UnsupportedOperationException.
     */
    Position forkPosition(DbConnection promoted);
}
