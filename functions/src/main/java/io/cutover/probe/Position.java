package io.cutover.probe;

import io.cutover.instance.Engine;

/**
 * A point in the source's change stream where CDC starts: an Oracle SCN ("9876543") or a
 * PostgreSQL LSN ("4AF/B00000D0"), in the form DMS's CdcStartPosition takes.
 *
 * @param how how it was obtained (e.g. "fork LSN of timeline 2", "V$DATABASE.CURRENT_SCN, no open transactions")
 */
public record Position(Engine engine, String value, String how) {

    /** The LSN as a 64-bit number, for comparisons (PostgreSQL only). */
    public static long lsnToLong(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 1) throw new IllegalArgumentException("not an LSN: " + lsn);
        long hi = Long.parseLong(lsn.substring(0, slash), 16);
        long lo = Long.parseLong(lsn.substring(slash + 1), 16);
        return (hi << 32) | lo;
    }

    /** Oracle SCNs (decimal, up to 2^64) as numbers, for comparisons. */
    public static java.math.BigInteger scn(String scn) {
        try {
            return new java.math.BigInteger(scn);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an SCN: " + scn, e);
        }
    }

    public static String longToLsn(long value) {
        return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
