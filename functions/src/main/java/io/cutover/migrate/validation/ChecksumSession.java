package io.cutover.migrate.validation;

import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;

import java.util.List;
import java.util.Optional;

/**
 * One connection's worth of checksum work. Every method streams on the server and returns a
 * bounded answer: an aggregate, at most the asked number of keys, or at most {@code limit + 1} rows.
 */
public interface ChecksumSession extends AutoCloseable {

    ServerTraits traits();

    /** The table's columns and primary key, or empty when it does not exist. */
    Optional<TableDefinition> definition(TableName table);

    /**
     * Keys that cut the whole table into chunks of about {@code rowsPerChunk} rows (from a sample of
     * the table), ascending, at most {@code maxChunks - 1}; none for a table that fits one chunk.
     */
    List<Key> chunkBoundaries(RowHashPlan plan, long rowsPerChunk, int maxChunks);

    /**
     * The same cut, applied to the part of the table in {@code within} only (a later call going on
     * from the key an earlier one reached): keys inside the range, ascending, as the whole-table
     * cut would place them there (chunks of the same size).
     */
    List<Key> chunkBoundaries(RowHashPlan plan, KeyRange within, long rowsPerChunk, int maxChunks);

    /** Keys that cut the range, which holds about {@code rows} rows, into {@code parts} parts of equal row counts (exact, ascending). */
    List<Key> splitPoints(RowHashPlan plan, KeyRange range, long rows, int parts);

    ChunkChecksum checksum(RowHashPlan plan, KeyRange range);

    /** The range's rows in key order, at most {@code limit + 1} of them (one more tells the caller the range holds more). */
    List<RowHash> rowHashes(RowHashPlan plan, KeyRange range, int limit);

    @Override
    void close();
}
