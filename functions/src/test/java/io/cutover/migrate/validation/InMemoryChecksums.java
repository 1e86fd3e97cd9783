package io.cutover.migrate.validation;

import io.cutover.instance.Engine;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.probe.DbConnection;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database of single-column-bigint-keyed tables held as key -> row hash, for testing the
 * validation's orchestration without a server. Can be told to fail, and to take time per call.
 */
public final class InMemoryChecksums implements TableChecksums {
    public final Map<TableName, NavigableMap<Long, Long>> tables = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile TableName failOn;
    volatile long callMillis;

    NavigableMap<Long, Long> table(String name, long rows) {
        return table(TableName.of("app", name), rows);
    }

    /** A table of keys 1..rows, each row's hash a function of its key (the same on every database). */
    public NavigableMap<Long, Long> table(TableName name, long rows) {
        NavigableMap<Long, Long> t = new ConcurrentSkipListMap<>();
        for (long k = 1; k <= rows; k++) t.put(k, k * 31 + 7);
        tables.put(name, t);
        return t;
    }

    @Override
    public ChecksumSession open(DbConnection db) {
        opened.incrementAndGet();
        return new ChecksumSession() {
            @Override
            public ServerTraits traits() {
                return new ServerTraits(Engine.POSTGRES, 170000, true, true, true);
            }

            @Override
            public Optional<TableDefinition> definition(TableName table) {
                NavigableMap<Long, Long> t = tables.get(table);
                if (t == null) return Optional.empty();
                return Optional.of(new TableDefinition(table, List.of(new ColumnDefinition("id", "bigint", ValueKind.INTEGER,
                        false, true, null, true)), List.of("id"), t.size(), t.size() * 100L));
            }

            @Override
            public List<Key> chunkBoundaries(RowHashPlan plan, long rowsPerChunk, int maxChunks) {
                return call(plan, () -> {
                    List<Key> out = new ArrayList<>();
                    long i = 0;
                    for (Long k : tables.get(plan.table()).keySet()) {
                        if (i > 0 && i % rowsPerChunk == 0 && out.size() < maxChunks - 1) out.add(Key.of(k));
                        i++;
                    }
                    return out;
                });
            }

            /** The whole table's cut, keeping the keys inside the range: what the SQL does over its sample. */
            @Override
            public List<Key> chunkBoundaries(RowHashPlan plan, KeyRange within, long rowsPerChunk, int maxChunks) {
                NavigableMap<Long, Long> inside = rows(plan, within);
                return chunkBoundaries(plan, rowsPerChunk, maxChunks).stream()
                        .filter(k -> inside.containsKey((Long) k.values().get(0)) && !k.equals(within.lower())).toList();
            }

            @Override
            public List<Key> splitPoints(RowHashPlan plan, KeyRange range, long rows, int parts) {
                return call(plan, () -> {
                    long step = Math.max(1, (rows + parts - 1) / parts);
                    List<Key> out = new ArrayList<>();
                    long i = 0;
                    for (Long k : rows(plan, range).keySet()) {
                        if (i > 0 && i % step == 0) out.add(Key.of(k));
                        i++;
                    }
                    return out;
                });
            }

            @Override
            public ChunkChecksum checksum(RowHashPlan plan, KeyRange range) {
                return call(plan, () -> {
                    NavigableMap<Long, Long> rows = rows(plan, range);
                    BigInteger sum = BigInteger.ZERO;
                    for (long h : rows.values()) sum = sum.add(BigInteger.valueOf(h));
                    return new ChunkChecksum(rows.size(), sum);
                });
            }

            @Override
            public List<RowHash> rowHashes(RowHashPlan plan, KeyRange range, int limit) {
                return call(plan, () -> rows(plan, range).entrySet().stream().limit(limit + 1L)
                        .map(e -> new RowHash(Key.of(e.getKey()), e.getValue())).toList());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private NavigableMap<Long, Long> rows(RowHashPlan plan, KeyRange range) {
        NavigableMap<Long, Long> t = tables.get(plan.table());
        if (range.lower() != null) t = t.tailMap((Long) range.lower().values().get(0), true);
        if (range.upper() != null) t = t.headMap((Long) range.upper().values().get(0), false);
        return t;
    }

    private <T> T call(RowHashPlan plan, java.util.function.Supplier<T> work) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (plan.table().equals(failOn)) throw new IllegalStateException("connection reset while reading " + plan.table());
            if (callMillis > 0) Thread.sleep(callMillis);
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
