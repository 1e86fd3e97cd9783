package io.cutover.probe;

/**
 * A database session holding a transaction that something waits for (PostgreSQL: a backend with a
 * transaction id, from pg_stat_activity), named so an operator can find it.
 *
 * @param transactionStart xact_start, ISO-8601
 * @param state            e.g. "idle in transaction"
 */
public record BlockingSession(int pid, String user, String application, String transactionStart, String state) {

    public String describe() {
        return "pid " + pid + " (user " + user + ", application " + (application == null || application.isEmpty()
                ? "-" : application) + ", transaction since " + transactionStart + ", " + state + ")";
    }
}
