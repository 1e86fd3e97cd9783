package io.cutover.jdbc;

import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.ChunkChecksum;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.RowHash;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.ServerTraits;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.probe.DbConnection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Wraps a real {@link TableChecksums} and records what crosses the port: how much at once, and how big each answer is. */
final class RecordingChecksums implements TableChecksums {
    private final TableChecksums real;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger maxRowsListed = new AtomicInteger();
    final AtomicInteger maxKeysReturned = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();

    RecordingChecksums(TableChecksums real) {
        this.real = real;
    }

    @Override
    public ChecksumSession open(DbConnection db) {
        sessions.incrementAndGet();
        ChecksumSession s = real.open(db);
        return new ChecksumSession() {
            @Override
            public ServerTraits traits() {
                return timed(s::traits);
            }

            @Override
            public Optional<TableDefinition> definition(TableName table) {
                return timed(() -> s.definition(table));
            }

            @Override
            public List<Key> chunkBoundaries(RowHashPlan plan, long rowsPerChunk, int maxChunks) {
                return keys(timed(() -> s.chunkBoundaries(plan, rowsPerChunk, maxChunks)));
            }

            @Override
            public List<Key> chunkBoundaries(RowHashPlan plan, KeyRange within, long rowsPerChunk, int maxChunks) {
                return keys(timed(() -> s.chunkBoundaries(plan, within, rowsPerChunk, maxChunks)));
            }

            @Override
            public List<Key> splitPoints(RowHashPlan plan, KeyRange range, long rows, int parts) {
                return keys(timed(() -> s.splitPoints(plan, range, rows, parts)));
            }

            @Override
            public ChunkChecksum checksum(RowHashPlan plan, KeyRange range) {
                return timed(() -> s.checksum(plan, range));
            }

            @Override
            public List<RowHash> rowHashes(RowHashPlan plan, KeyRange range, int limit) {
                List<RowHash> rows = timed(() -> s.rowHashes(plan, range, limit));
                listings.incrementAndGet();
                maxRowsListed.accumulateAndGet(rows.size(), Math::max);
                return rows;
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private List<Key> keys(List<Key> keys) {
        maxKeysReturned.accumulateAndGet(keys.size(), Math::max);
        return keys;
    }

    private <T> T timed(Supplier<T> call) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return call.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
