package io.cutover.migrate.validation;

import io.cutover.migrate.TableDefinition;
import io.cutover.probe.DbConnection;
import io.cutover.runbook.CallBudget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The product's own validation of a migrated table (issue 11): row counts and row-hash checksums
 * over primary-key ranges, computed on source and target at once by bounded workers (each side
 * runs at most {@code concurrency} queries; every query aggregates or returns a bounded number of
 * rows, so memory does not grow with the table).
 * <ol>
 *   <li>Chunks: key boundaries from a sample of the larger side cut the table into ranges.</li>
 *   <li>Each chunk's count and checksum are compared.</li>
 *   <li>CDC mode: differing chunks are read again after a pause, up to {@code maxRechecks} rounds.
 *       One that turns equal is settled; one whose checksums stayed the same on both sides across
 *       the pause while differing is a real difference; one still changing is reported unsettled
 *       (no verdict). FINAL mode (inside the cutover freeze): no retries, every difference counts.</li>
 *   <li>Each differing range is bisected - cut at exact key quantiles of the larger side, the
 *       parts compared again - down to ranges of at most {@code leafRows} rows, whose rows'
 *       hashes are listed on both sides and compared: keys missing on the target, extra on the
 *       target, and present on both with different values (CDC mode keeps only keys that still
 *       differ after another pause). At most {@code maxKeysListed} keys per table.</li>
 * </ol>
 */
public final class Validation implements AutoCloseable {
    private static final int MAX_DEPTH = 64;
    /** Differing ranges listed per table at most, and still-changing ones: more are counted, not listed. */
    public static final int MAX_RANGES_LISTED = 50;
    /** Chunks a worker gets per wave: the budget is checked between waves. */
    static final int WAVE_CHUNKS_PER_WORKER = 4;

    private final SideWorkers source;
    private final SideWorkers target;
    private final ValidationSettings settings;
    private final Pause pause;

    public Validation(TableChecksums sourcePort, DbConnection sourceDb, TableChecksums targetPort, DbConnection targetDb,
                      ValidationSettings settings, Pause pause) {
        this.settings = settings;
        this.pause = pause;
        this.source = new SideWorkers("source", sourcePort, sourceDb, settings.concurrency());
        this.target = new SideWorkers("target", targetPort, targetDb, settings.concurrency());
    }

    public List<TableResult> validate(List<TableComparison> tables) {
        return tables.stream().map(this::validate).toList();
    }

    /** Validates one table in one go; failures become an ERROR result naming the cause, never an exception. */
    public TableResult validate(TableComparison table) {
        return validate(table, null, CallBudget.unlimited()).result();
    }

    /**
     * Validates one table, from where an earlier call stopped ({@code from}, null at the start),
     * until it is done or the call's budget is spent: chunks are compared in waves of
     * {@link #WAVE_CHUNKS_PER_WORKER} per worker (all at once without a limit), and when the budget is spent after a wave, the
     * chunks compared so far are settled (re-checked, narrowed to their keys) and the pass
     * returns where the next call goes on. At least one wave runs per call. The next call cuts
     * the rest of the table afresh (from a new sample, above the key reached), so the result is
     * the one a single call gives, in other chunks.
     */
    public TablePass validate(TableComparison table, TableCheckpoint from, CallBudget budget) {
        long started = System.nanoTime();
        try {
            CompletableFuture<Optional<TableDefinition>> s = source.submit(x -> x.definition(table.source()));
            CompletableFuture<Optional<TableDefinition>> t = target.submit(x -> x.definition(table.target()));
            CompletableFuture<ServerTraits> st = source.submit(ChecksumSession::traits);
            CompletableFuture<ServerTraits> tt = target.submit(ChecksumSession::traits);
            Optional<TableDefinition> sd = join(s);
            Optional<TableDefinition> td = join(t);
            if (sd.isEmpty() || td.isEmpty()) {
                return new TablePass(error(table, (sd.isEmpty() ? "no table " + table.source() + " on the source" : "no table "
                        + table.target() + " on the target"), started), null);
            }
            ComparisonPlan plan = ComparisonPlanner.plan(sd.get(), td.get(), join(st), join(tt), table.targetColumn(),
                    settings.timeZoneRule());
            long estimated = Math.max(sd.get().estimatedRows(), td.get().estimatedRows());
            return new TableRun(table, plan, sd.get().estimatedRows() >= td.get().estimatedRows(), settings.rowsPerChunkFor(estimated),
                    started, from).run(budget);
        } catch (RuntimeException e) {
            return new TablePass(error(table, describe(e), started), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TablePass(error(table, "interrupted", started), null);
        }
    }

    private static TableResult error(TableComparison table, String message, long started) {
        return new TableResult(table.source(), table.target(), TableResult.Status.ERROR, -1, -1, 0, 0, List.of(), List.of(),
                List.of(), message, took(started), 0);
    }

    private static Duration took(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    @Override
    public void close() {
        source.close();
        target.close();
    }

    /** Both sides' checksums of one range. */
    private record Observed(ChunkChecksum source, ChunkChecksum target) {
        boolean equal() {
            return source.equals(target);
        }
    }

    /** The state of one table's validation (in this call, and what earlier calls found). */
    private final class TableRun {
        private final TableComparison table;
        private final ComparisonPlan plan;
        private final boolean sampleSource;
        private final long rowsPerChunk;
        private final long started;
        private final KeyRange rest;
        private final long earlierNanos;
        /** The chunks compared since the last settle, with their last reading. */
        private final Map<KeyRange, Observed> observed = new LinkedHashMap<>();
        private final List<RangeMismatch> mismatches = new ArrayList<>();
        private final List<KeyRange> unsettled = new ArrayList<>();
        private long sourceRows;
        private long targetRows;
        private int chunkCount;
        private int rounds;
        private int rangesNotListed;
        private int keysLeft = settings.maxKeysListed();

        TableRun(TableComparison table, ComparisonPlan plan, boolean sampleSource, long rowsPerChunk, long started,
                 TableCheckpoint from) {
            this.table = table;
            this.plan = plan;
            this.sampleSource = sampleSource;
            this.rowsPerChunk = rowsPerChunk;
            this.started = started;
            if (from == null || !plan.source().keyed()) {
                this.rest = KeyRange.all();
                this.earlierNanos = 0;
                return;
            }
            this.rest = new KeyRange(Key.decode(from.reached()), null);
            this.earlierNanos = Duration.ofMillis(from.millis()).toNanos();
            this.sourceRows = from.sourceRows();
            this.targetRows = from.targetRows();
            this.chunkCount = from.chunks();
            this.rounds = from.rechecks();
            this.rangesNotListed = from.rangesNotListed();
            this.keysLeft = from.keysLeft();
            from.mismatches().forEach(m -> mismatches.add(m.mismatch()));
            from.unsettled().forEach(r -> unsettled.add(r.range()));
        }

        TablePass run(CallBudget budget) throws InterruptedException {
            List<KeyRange> chunks = chunks();
            // Without a limit every chunk is queued at once (no wave waits for its slowest chunk).
            int wave = budget.limited() ? settings.concurrency() * WAVE_CHUNKS_PER_WORKER : Math.max(1, chunks.size());
            for (int i = 0; i < chunks.size(); ) {
                List<KeyRange> next = chunks.subList(i, Math.min(chunks.size(), i + wave));
                observed.putAll(compare(next));
                chunkCount += next.size();
                i += next.size();
                if (i < chunks.size() && budget.spent()) {
                    settle();
                    return new TablePass(null, checkpoint(next.get(next.size() - 1).upper()));
                }
            }
            settle();
            return new TablePass(result(), null);
        }

        /** The compared chunks' differences re-checked (CDC mode), narrowed to their keys, and counted. */
        private void settle() throws InterruptedException {
            List<KeyRange> chunks = List.copyOf(observed.keySet());
            List<KeyRange> differing = differing(chunks);
            Set<KeyRange> stable = new LinkedHashSet<>();
            int round = 0;
            if (settings.mode() == ValidationSettings.Mode.FINAL) {
                stable.addAll(differing);
                differing = List.of();
            }
            while (!differing.isEmpty() && round < settings.maxRechecks()) {
                pause.pause(settings.recheckWait());
                round++;
                Map<KeyRange, Observed> again = compare(differing);
                List<KeyRange> still = new ArrayList<>();
                for (KeyRange r : differing) {
                    Observed now = again.get(r);
                    Observed before = observed.put(r, now);
                    if (now.equal()) continue;
                    if (now.equals(before)) stable.add(r);
                    else still.add(r);
                }
                differing = still;
            }
            rounds = Math.max(rounds, round);
            Set<KeyRange> changing = new LinkedHashSet<>(differing);
            for (KeyRange r : chunks) {
                if (!stable.contains(r)) continue;
                RangeMismatch m = bisect(r, observed.get(r));
                if (m.keysListed() == 0 && m.keysNote() == null && settings.mode() == ValidationSettings.Mode.CDC) {
                    changing.add(r); // it changed while its rows were listed: no verdict
                } else {
                    keep(mismatches, m);
                }
            }
            changing.forEach(r -> keep(unsettled, r));
            for (Observed o : observed.values()) {
                sourceRows += o.source().rows();
                targetRows += o.target().rows();
            }
            observed.clear();
        }

        private <T> void keep(List<T> into, T item) {
            if (into.size() < MAX_RANGES_LISTED) into.add(item);
            else rangesNotListed++;
        }

        private TableCheckpoint checkpoint(Key reached) {
            return new TableCheckpoint(reached.encode(), sourceRows, targetRows, chunkCount, rounds,
                    mismatches.stream().map(TableCheckpoint.SavedMismatch::of).toList(),
                    unsettled.stream().map(TableCheckpoint.SavedRange::of).toList(), rangesNotListed, keysLeft,
                    Duration.ofNanos(earlierNanos + System.nanoTime() - started).toMillis());
        }

        private List<KeyRange> chunks() {
            if (!plan.source().keyed()) return List.of(KeyRange.all());
            RowHashPlan side = sampleSource ? plan.source() : plan.target();
            List<Key> boundaries = join((sampleSource ? source : target).submit(x -> rest.whole()
                    ? x.chunkBoundaries(side, rowsPerChunk, settings.maxChunks())
                    : x.chunkBoundaries(side, rest, rowsPerChunk, settings.maxChunks())));
            return rest.split(boundaries);
        }

        private Map<KeyRange, Observed> compare(List<KeyRange> ranges) {
            Map<KeyRange, CompletableFuture<ChunkChecksum>> s = new LinkedHashMap<>();
            Map<KeyRange, CompletableFuture<ChunkChecksum>> t = new HashMap<>();
            for (KeyRange r : ranges) {
                s.put(r, source.submit(x -> x.checksum(plan.source(), r)));
                t.put(r, target.submit(x -> x.checksum(plan.target(), r)));
            }
            Map<KeyRange, Observed> out = new LinkedHashMap<>();
            for (KeyRange r : ranges) out.put(r, new Observed(join(s.get(r)), join(t.get(r))));
            return out;
        }

        private List<KeyRange> differing(List<KeyRange> ranges) {
            return ranges.stream().filter(r -> !observed.get(r).equal()).toList();
        }

        private RangeMismatch bisect(KeyRange range, Observed o) throws InterruptedException {
            if (!plan.source().keyed()) {
                return new RangeMismatch(range, o.source().rows(), o.target().rows(), List.of(), List.of(), List.of(),
                        "rows cannot be listed: " + plan.unkeyed());
            }
            Differences d = new Differences();
            narrow(range, o, d, 0);
            String note = d.capped ? "more keys differ than listed (at most " + settings.maxKeysListed() + " per table)"
                    : d.unsplittable ? "a range could not be cut further; its keys are listed only in part" : null;
            return new RangeMismatch(range, o.source().rows(), o.target().rows(), d.missing, d.extra, d.different, note);
        }

        private void narrow(KeyRange range, Observed o, Differences d, int depth) throws InterruptedException {
            if (keysLeft <= 0) {
                d.capped = true;
                return;
            }
            long rows = Math.max(o.source().rows(), o.target().rows());
            if ((rows <= settings.leafRows() || depth >= MAX_DEPTH) && listed(range, d)) return;
            boolean bySource = o.source().rows() >= o.target().rows();
            RowHashPlan side = bySource ? plan.source() : plan.target();
            List<Key> points = join((bySource ? source : target).submit(
                    x -> x.splitPoints(side, range, rows, settings.splitParts())));
            List<KeyRange> parts = range.split(points);
            if (parts.size() < 2) {
                d.unsplittable = true;
                return;
            }
            Map<KeyRange, Observed> again = compare(parts);
            for (KeyRange part : parts) {
                Observed p = again.get(part);
                if (!p.equal()) narrow(part, p, d, depth + 1);
            }
        }

        /** Lists a small range's rows on both sides; false when it has grown past leafRows since it was counted. */
        private boolean listed(KeyRange range, Differences d) throws InterruptedException {
            RowDiff first = rowDiff(range);
            if (first == null) return false;
            RowDiff diff = first;
            if (settings.mode() == ValidationSettings.Mode.CDC && !first.empty()) {
                pause.pause(settings.recheckWait());
                RowDiff second = rowDiff(range);
                diff = second == null ? first : first.stillIn(second);
            }
            d.add(diff);
            return true;
        }

        private RowDiff rowDiff(KeyRange range) {
            int limit = settings.leafRows();
            CompletableFuture<List<RowHash>> s = source.submit(x -> x.rowHashes(plan.source(), range, limit));
            CompletableFuture<List<RowHash>> t = target.submit(x -> x.rowHashes(plan.target(), range, limit));
            List<RowHash> sr = join(s);
            List<RowHash> tr = join(t);
            if (sr.size() > limit || tr.size() > limit) return null;
            return RowDiff.of(sr, tr);
        }

        private TableResult result() {
            TableResult.Status status = !mismatches.isEmpty() ? TableResult.Status.MISMATCH
                    : !unsettled.isEmpty() ? TableResult.Status.UNSETTLED
                    : plan.exact() ? TableResult.Status.EQUAL : TableResult.Status.EQUAL_IN_COMPARED_COLUMNS;
            String message = plan.unkeyed() != null ? "compared whole (" + plan.unkeyed() + ")" : null;
            return new TableResult(table.source(), table.target(), status, sourceRows, targetRows, chunkCount, rounds, mismatches,
                    unsettled, plan.notCompared(), message, Duration.ofNanos(earlierNanos + System.nanoTime() - started),
                    rangesNotListed);
        }

        /** Keys found so far for one range, within the table's budget. */
        private final class Differences {
            final List<Key> missing = new ArrayList<>();
            final List<Key> extra = new ArrayList<>();
            final List<Key> different = new ArrayList<>();
            boolean capped;
            boolean unsplittable;

            void add(RowDiff diff) {
                take(diff.missing(), missing);
                take(diff.extra(), extra);
                take(diff.different(), different);
            }

            private void take(List<Key> from, List<Key> into) {
                for (Key k : from) {
                    if (keysLeft <= 0) {
                        capped = true;
                        return;
                    }
                    into.add(k);
                    keysLeft--;
                }
            }
        }
    }
}
