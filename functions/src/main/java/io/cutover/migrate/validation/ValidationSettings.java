package io.cutover.migrate.validation;

import java.time.Duration;

/**
 * How a validation runs.
 *
 * @param concurrency   checksum queries at once on each side (one connection each)
 * @param rowsPerChunk  rows per first-pass chunk at most (about: boundaries come from a sample); see
 *                      {@link #rowsPerChunkFor(long)}
 * @param maxChunks     chunks per table at most (bounds the plan's memory whatever the table's size)
 * @param leafRows      a range with at most this many rows is listed row by row instead of split again
 * @param splitParts    parts a differing range is cut into at each bisection step
 * @param mode          {@link Mode#CDC}: re-check differing chunks while changes flow; {@link Mode#FINAL}: exact, no retries
 * @param maxRechecks   re-checks of a differing chunk before it is reported as still changing (CDC mode)
 * @param recheckWait   pause before each re-check round (CDC mode)
 * @param maxKeysListed keys listed per table at most (missing, extra and different together)
 * @param timeZoneRule  zone in which timestamps without zone are read when compared with ones with a zone, or null
 */
public record ValidationSettings(int concurrency, long rowsPerChunk, int maxChunks, int leafRows, int splitParts,
                                 Mode mode, int maxRechecks, Duration recheckWait, int maxKeysListed, String timeZoneRule) {

    public enum Mode { CDC, FINAL }

    /** Below this many rows a chunk is not cut smaller to spread work: each chunk costs a round trip per side. */
    static final long MIN_SPREAD_CHUNK_ROWS = 10_000;

    public ValidationSettings {
        require(concurrency >= 1 && concurrency <= 64, "concurrency must be 1..64, not " + concurrency);
        require(rowsPerChunk >= 1, "rowsPerChunk must be at least 1, not " + rowsPerChunk);
        require(maxChunks >= 1, "maxChunks must be at least 1, not " + maxChunks);
        require(leafRows >= 1 && leafRows <= 100_000, "leafRows must be 1..100000, not " + leafRows);
        require(splitParts >= 2 && splitParts <= 1000, "splitParts must be 2..1000, not " + splitParts);
        require(mode != null, "mode is missing");
        require(maxRechecks >= 0, "maxRechecks must not be negative, not " + maxRechecks);
        require(recheckWait != null && !recheckWait.isNegative(), "recheckWait must not be negative");
        require(maxKeysListed >= 0, "maxKeysListed must not be negative, not " + maxKeysListed);
    }

    /**
     * Rows per chunk for a table of about {@code estimatedRows}: at least four chunks per worker when
     * the table is large enough, so every worker stays busy to the end, but not below
     * {@link #MIN_SPREAD_CHUNK_ROWS} for that, and never above {@link #rowsPerChunk()}.
     */
    public long rowsPerChunkFor(long estimatedRows) {
        if (estimatedRows <= 0) return rowsPerChunk;
        return Math.min(rowsPerChunk, Math.max(MIN_SPREAD_CHUNK_ROWS, estimatedRows / (4L * concurrency)));
    }

    /** Sensible defaults for a live table under CDC. */
    public static ValidationSettings defaults() {
        return new ValidationSettings(4, 100_000, 10_000, 1_000, 16, Mode.CDC, 5, Duration.ofSeconds(5), 100, null);
    }

    public ValidationSettings withMode(Mode m) {
        return new ValidationSettings(concurrency, rowsPerChunk, maxChunks, leafRows, splitParts, m, maxRechecks, recheckWait,
                maxKeysListed, timeZoneRule);
    }

    public ValidationSettings withChunks(long rows, int leaf) {
        return new ValidationSettings(concurrency, rows, maxChunks, leaf, splitParts, mode, maxRechecks, recheckWait,
                maxKeysListed, timeZoneRule);
    }

    public ValidationSettings withConcurrency(int n) {
        return new ValidationSettings(n, rowsPerChunk, maxChunks, leafRows, splitParts, mode, maxRechecks, recheckWait,
                maxKeysListed, timeZoneRule);
    }

    public ValidationSettings withRechecks(int n, Duration wait) {
        return new ValidationSettings(concurrency, rowsPerChunk, maxChunks, leafRows, splitParts, mode, n, wait,
                maxKeysListed, timeZoneRule);
    }

    public ValidationSettings withMaxKeysListed(int n) {
        return new ValidationSettings(concurrency, rowsPerChunk, maxChunks, leafRows, splitParts, mode, maxRechecks, recheckWait,
                n, timeZoneRule);
    }

    public ValidationSettings withTimeZoneRule(String zone) {
        return new ValidationSettings(concurrency, rowsPerChunk, maxChunks, leafRows, splitParts, mode, maxRechecks, recheckWait,
                maxKeysListed, zone);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("validation settings: " + message);
    }
}
