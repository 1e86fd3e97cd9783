package io.cutover.switchover;

import io.cutover.probe.DbConnection;

import java.time.Duration;

/**
 * A sentinel row's trip through a running task, end to end: written on one database, looked for
 * on the other within a limit. How the switchover's latency check and the migration's CDC
 * latency gate measure what DMS's own metrics only estimate.
 */
public final class SentinelTrip {

    /** @param seconds from just before the write to its arrival (or to the end of the wait) */
    public record Trip(boolean arrived, double seconds) {
    }

    /**
     * The first pause between asks for the arrival, on one connection (doubling up to
     * {@link io.cutover.waiting.Poll#EVERY}): a trip of a few tens of milliseconds - a drain
     * inside a freeze - is seen within about as long again, and no connection is opened per ask.
     */
    public static final Duration PAUSE = Duration.ofMillis(10);

    private SentinelTrip() {
    }

    /** Waits at most {@code limit} for the sentinel (the caller keeps it within its Lambda timeout). */
    public static Trip measure(SiteDatabase db, DbConnection from, String fromSchema, DbConnection to, String toSchema,
                               String table, String id, String fromName, Duration limit) {
        return measure(db, from, fromSchema, db, to, toSchema, table, id, fromName, limit);
    }

    /** Across engines (an Oracle source, a PostgreSQL target): each side written or read by its own engine's adapter. */
    public static Trip measure(SiteDatabase fromDb, DbConnection from, String fromSchema, SiteDatabase toDb, DbConnection to,
                               String toSchema, String table, String id, String fromName, Duration limit) {
        long started = System.nanoTime(); // before the write: the measure includes its commit
        fromDb.writeSentinel(from, fromSchema, table, id, fromName);
        boolean arrived = toDb.awaitSentinel(to, toSchema, table, id, limit, PAUSE);
        return new Trip(arrived, Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    }
}
