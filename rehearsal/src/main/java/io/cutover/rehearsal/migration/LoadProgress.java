package io.cutover.rehearsal.migration;

import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The full load's progress bar, as a DBA watching DescribeReplicationTasks and
 * DescribeTableStatistics would see it: one line each time the task's FullLoadProgressPercent
 * passes a tenth or a table finishes, with the rows loaded per table, until every table is loaded.
 * Reads the same Replication port the run's steps read.
 */
public final class LoadProgress implements AutoCloseable {
    private final Replication dms;
    private final String taskIdentifier;
    private final PrintStream out;
    private final String label;
    private final Thread thread;
    private final Instant started = Instant.now();
    private volatile boolean running = true;
    private volatile boolean finished;
    private final List<Integer> printed = new ArrayList<>();

    public LoadProgress(Replication dms, String taskIdentifier, String label, PrintStream out) {
        this.dms = dms;
        this.taskIdentifier = taskIdentifier;
        this.out = out;
        this.label = label;
        this.thread = new Thread(this::follow, "load-progress-" + taskIdentifier);
        this.thread.setDaemon(true);
    }

    public LoadProgress start() {
        thread.start();
        return this;
    }

    /** Whether the bar saw the load end (every table loaded). */
    public boolean sawLoadFinish() {
        return finished;
    }

    /** The percentages printed, in order. */
    public List<Integer> printed() {
        synchronized (printed) {
            return List.copyOf(printed);
        }
    }

    private void follow() {
        int lastPercent = -1;
        long lastLoaded = -1;
        while (running && !finished) {
            Optional<TaskDescription> task = dms.findTaskByIdentifier(taskIdentifier);
            if (task.isPresent() && task.get().fullLoadProgressPercent() != null) {
                int percent = task.get().fullLoadProgressPercent();
                List<TableStatistic> tables = statistics(task.get().arn());
                long loaded = tables.stream().filter(t -> "Table completed".equals(t.state())).count();
                if (percent / 10 != lastPercent / 10 || loaded != lastLoaded) {
                    print(percent, tables);
                    lastPercent = percent;
                    lastLoaded = loaded;
                }
                finished = task.get().isFullLoadFinished() || percent >= 100 && loaded == tables.size() && !tables.isEmpty();
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private List<TableStatistic> statistics(String taskArn) {
        try {
            return dms.tableStatistics(taskArn);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** {@code [run] full load [##########----------]  50%   4.2s  5/8 tables loaded; events 200000 rows...} */
    static String line(String label, int percent, Duration elapsed, List<TableStatistic> tables) {
        long loaded = tables.stream().filter(t -> "Table completed".equals(t.state())).count();
        List<String> loading = tables.stream().filter(t -> "Full load".equals(t.state()))
                .map(t -> t.table() + " " + t.rows() + " rows...").toList();
        return String.format(Locale.ROOT, "[%s] full load %s  %5.1fs  %d/%d tables loaded%s", label, io.cutover.status.LoadBar.of(percent),
                elapsed.toMillis() / 1000.0, loaded, tables.size(), loading.isEmpty() ? "" : "; " + String.join(", ", loading));
    }

    private void print(int percent, List<TableStatistic> tables) {
        synchronized (printed) {
            printed.add(percent);
        }
        synchronized (out) {
            out.println(line(label, percent, Duration.between(started, Instant.now()), tables));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
