package io.cutover.probe;

/**
 * Transactions open on the source right now.
 *
 * @param count           how many
 * @param oldestStart     oldest start (Oracle START_SCN, PostgreSQL xact_start), null if none
 */
public record OpenTransactions(int count, String oldestStart) {
    public boolean none() { return count == 0; }
}
