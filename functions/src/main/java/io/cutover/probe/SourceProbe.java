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
     *
     * @throws LogicalSlotBlocked when transactions are open that slot creation would wait for
     *                            (nothing is created then)
     */
    void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin);

    /**
     * PostgreSQL only: drops a run's slot and publication unless a session reads the slot (an
     * unread slot keeps WAL on the source for ever).
     */
    SlotRemoval dropLogicalSlot(DbConnection source, String slotName, String publicationName);

    /** PostgreSQL only: whether the slot exists and which session reads it (an active slot cannot be dropped). */
    SlotUse logicalSlotUse(DbConnection source, String slotName);

    /**
     * Where the promoted database forked from the source. PostgreSQL: the LSN of its timeline
     * switch (timeline history) - the exact CDC start. Oracle: the SCN at which the standby became
     * primary (V$DATABASE), to check the SCN captured before promotion against.
     */
    Position forkPosition(DbConnection promoted);

    /**
     * Makes the source ship redo to its standby now. Oracle: an idle primary's SCN advances with
     * no redo for the standby to apply, so a standby never "reaches" it; a log switch
     * (rdsadmin.rdsadmin_util.switch_logfile) sends what there is. PostgreSQL: nothing to do (WAL
     * streams continuously).
     */
    void forceRedo(DbConnection source);

    /**
     * Oracle: user transactions that started after {@code afterScn} and committed at or before
     * {@code atOrBeforeScn} on the source - changes a promoted database forked at the later SCN
     * already holds, which CDC from the earlier one would apply again.
     */
    int userCommitsBetween(DbConnection source, String afterScn, String atOrBeforeScn);
}
