package io.cutover.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How busy the whole machine's processors were between two instants (./rehearse --benchmark):
 * the fleet's runs share the machine with their databases, applications and engine, so whether a
 * fleet was bound by processor time shows only machine-wide. Samples the kernel's counters
 * ({@code /proc/stat}) every 50 ms on a daemon thread, and counts the processors those counters
 * cover from the same file (not the JVM's view, which follows cgroup quotas and affinity); where
 * there is no such file (not Linux) it measures nothing and says so by empty answers.
 */
final class MachineCpu implements AutoCloseable {
    private static final Path STAT = Path.of("/proc/stat");
    private static final long PERIOD_MILLIS = 50;
    /** USER_HZ: the unit of /proc/stat's counters on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private record Sample(Instant at, long busyTicks) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile int processors;
    private volatile boolean running = true;

    MachineCpu() {
        thread = Thread.ofPlatform().daemon().name("machine-cpu").unstarted(this::sample);
        if (Files.isReadable(STAT)) thread.start();
    }

    /** The processors /proc/stat counts (its cpuN lines); 0 until the first sample, or when not measured. */
    int processors() {
        return processors;
    }

    /**
     * Processor-seconds the machine spent busy from {@code from} to {@code to}: the counters
     * interpolated linearly at both ends between the samples around them, so the window is exactly
     * the one asked; empty unless samples lie on both sides of both ends.
     */
    synchronized Optional<Double> busySeconds(Instant from, Instant to) {
        Optional<Double> a = ticksAt(from);
        Optional<Double> b = ticksAt(to);
        if (a.isEmpty() || b.isEmpty()) return Optional.empty();
        return Optional.of((b.get() - a.get()) / TICKS_PER_SECOND);
    }

    private Optional<Double> ticksAt(Instant t) {
        for (int i = 1; i < samples.size(); i++) {
            Sample before = samples.get(i - 1);
            Sample after = samples.get(i);
            if (!before.at().isAfter(t) && !after.at().isBefore(t)) {
                long span = Duration.between(before.at(), after.at()).toNanos();
                double share = span == 0 ? 0 : (double) Duration.between(before.at(), t).toNanos() / span;
                return Optional.of(before.busyTicks() + share * (after.busyTicks() - before.busyTicks()));
            }
        }
        return Optional.empty();
    }

    private void sample() {
        while (running) {
            try {
                List<String> lines = Files.readAllLines(STAT); // readString returns short reads of /proc here
                long busy = busyTicks(lines.get(0));
                if (processors == 0) processors = (int) lines.stream().filter(l -> l.matches("cpu\\d+\\s.*")).count();
                synchronized (this) {
                    samples.add(new Sample(Instant.now(), busy));
                }
                Thread.sleep(PERIOD_MILLIS);
            } catch (IOException | RuntimeException | InterruptedException e) {
                return; // closed, or the counters unreadable: later windows answer "not measured"
            }
        }
    }

    /**
     * "cpu user nice system idle iowait irq softirq steal ...": user, nice, system, irq and softirq.
     * Not idle or iowait (waiting), nor steal (time the hypervisor gave to another machine).
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!"cpu".equals(f[0])) throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {
            if (i < f.length) busy += Long.parseLong(f[i]);
        }
        return busy;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
