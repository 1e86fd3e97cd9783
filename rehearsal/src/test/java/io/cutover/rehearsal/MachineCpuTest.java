package io.cutover.rehearsal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineCpuTest {

    @Test
    void busyIsUserNiceSystemAndInterrupts() {
        // user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
        assertEquals(100 + 2 + 30 + 4 + 5, MachineCpu.busyTicks("cpu  100 2 30 9000 700 4 5 6 50 0"));
    }

    @Test
    void aPerProcessorLineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineCpu.busyTicks("cpu0 100 2 30 9000 700 4 5 6 0 0"));
        assertTrue(e.getMessage().contains("cpu0"), e.getMessage());
    }

    @Test
    void measuresTheMachineBusyWhileThisThreadSpins() throws Exception {
        if (!Files.isReadable(Path.of("/proc/stat"))) return; // not Linux: nothing to read
        try (MachineCpu cpu = new MachineCpu()) {
            Thread.sleep(120);
            Instant from = Instant.now();
            long until = System.nanoTime() + 400_000_000L;
            long spins = 0;
            while (System.nanoTime() < until) spins++;
            Instant to = Instant.now();
            Thread.sleep(120);
            double busy = cpu.busySeconds(from, to).orElseThrow();
            // One spinning thread keeps one processor busy for the 0.4 s, and the window is exactly that.
            assertTrue(busy >= 0.3 && busy <= 0.4 * cpu.processors() + 0.05, busy + " processor-s, " + spins + " spins");
            assertTrue(cpu.processors() >= 1, "processors counted from /proc/stat: " + cpu.processors());
            assertTrue(cpu.busySeconds(to.plusSeconds(60), to.plusSeconds(61)).isEmpty(), "no sample after the window: not measured");
        }
    }
}
