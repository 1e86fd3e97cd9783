package io.cutover.jdbc;

/**
 * Bytes of WAL a replica has still to replay to reach a source position.
 *
 * <p>Why not a plain subtraction: {@code pg_current_wal_insert_lsn()} points at where the next
 * record will start, so when the last record ended exactly at a page boundary it points past the
 * next page's header (24 or 40 bytes), while the replica's replay LSN is the end of the last
 * record, the boundary itself. A caught-up replica would then never reach the insert LSN on an
 * idle source. No record can end inside a page header (a record after a boundary ends at least
 * 24 + 24 bytes into the page), so a replay LSN at the page start with the source at most a
 * header into the page means nothing is left to replay.
 */
public final class WalDistance {

    /** Longest page header (XLogLongPageHeaderData, first page of a segment). */
    private static final long LONG_PAGE_HEADER = 40;

    private WalDistance() {
    }

    /**
     * @param source       the source's position (insert LSN)
     * @param replayed     the replica's replay LSN
     * @param walBlockSize the source's {@code wal_block_size} (8192 unless compiled otherwise)
     * @return 0 when the replica has everything, else the bytes between them
     */
    public static long unreplayed(long source, long replayed, int walBlockSize) {
        if (Long.compareUnsigned(replayed, source) >= 0) return 0;
        long pageStart = source - Long.remainderUnsigned(source, walBlockSize);
        if (replayed == pageStart && source - pageStart <= LONG_PAGE_HEADER) return 0;
        return source - replayed;
    }
}
