package io.cutover.status;

/**
 * A database server's own view of where it is.
 *
 * @param inRecovery        PostgreSQL: pg_is_in_recovery(); Oracle: a STANDBY database role
 * @param position          in recovery: the applied (replayed) position; else the current one
 * @param replayAgeSeconds  in recovery: age of the last replayed transaction (PostgreSQL) or the
 *                          apply lag (Oracle V$DATAGUARD_STATS); null otherwise
 */
public record ServerPosition(boolean inRecovery, String position, String how, Double replayAgeSeconds) {
}
