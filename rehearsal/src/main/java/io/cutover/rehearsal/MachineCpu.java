package io.cutover.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How busy the whole machine's processors were between two instants (./rehearse --benchmark):
 * the fleet's runs share the machine with their databases, applications and engine, so whether a
 * fleet was bound by processor time shows only machine-wide. Samples the kernel's counters
 * ({@code /proc/stat}, first line) every 50 ms on a daemon thread; where there is no such file
 * (not Linux) it measures nothing and says so by empty answers.
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
    private volatile boolean running = true;

    MachineCpu() {
        thread = Thread.ofPlatform().daemon().name("machine-cpu").unstarted(this::sample);
        if (Files.isReadable(STAT)) thread.start();
    }

    static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Processor-seconds the machine spent busy (not idle, not waiting for I/O) from {@code from} to {@code to}. */
    synchronized Optional<Double> busySeconds(Instant from, Instant to) {
        Sample a = null;
        Sample b = null;
        for (Sample s : samples) {
            if (!s.at().isAfter(from)) a = s;
            if (b == null && !s.at().isBefore(to)) b = s;
        }
        if (a == null || b == null) return Optional.empty();
        return Optional.of((b.busyTicks() - a.busyTicks()) / TICKS_PER_SECOND);
    }

    private void sample() {
        while (running) {
            try {
                long busy = busyTicks(Files.readAllLines(STAT).get(0)); // readString returns short reads of /proc here
                synchronized (this) {
                    samples.add(new Sample(Instant.now(), busy));
                }
                Thread.sleep(PERIOD_MILLIS);
            } catch (IOException | RuntimeException | InterruptedException e) {
                return; // closed, or the counters unreadable: later windows answer "not measured"
            }
        }
    }

    /** "cpu user nice system idle iowait irq softirq steal ...": everything but idle and iowait. */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!"cpu".equals(f[0])) throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
        }
        return busy;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
