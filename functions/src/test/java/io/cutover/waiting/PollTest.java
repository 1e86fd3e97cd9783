package io.cutover.waiting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollTest {

    @Test
    void doneAtOnceIsAskedOnce() {
        int[] asked = {0};
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> ++asked[0] > 0));
        assertEquals(1, asked[0]);
    }

    /** On a clock that moves only when the wait sleeps: the pauses exactly, whatever the machine's speed. */
    @Test
    void thePauseDoublesFromTheFirstUpToTheLongest() {
        ManualTime time = new ManualTime();
        List<Long> at = new ArrayList<>();
        assertFalse(Poll.until(Duration.ofMillis(700), Duration.ofMillis(50), Duration.ofMillis(200), () -> {
            at.add(time.millis());
            return false;
        }, time));
        // pauses 50, 100, 200, 200 and 150 (what was left), asked after each and once at once
        assertEquals(List.of(50L, 100L, 200L, 200L, 150L), time.pauses);
        assertEquals(List.of(0L, 50L, 150L, 350L, 550L, 700L), at);
    }

    /** On the system's clock only what a busy machine cannot break: the budget is waited out, never cut short. */
    @Test
    void theSystemWaitSpendsTheWholeBudget() {
        List<Long> at = new ArrayList<>();
        long start = System.nanoTime();
        assertFalse(Poll.until(Duration.ofMillis(700), Duration.ofMillis(50), Duration.ofMillis(200), () -> {
            at.add((System.nanoTime() - start) / 1_000_000);
            return false;
        }));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(at.size() >= 2 && at.size() <= 6, at.toString());
        assertTrue(at.get(1) >= 50 && took >= 700, took + " ms, asked at " + at);
    }

    private static final class ManualTime implements Poll.Time {
        final List<Long> pauses = new ArrayList<>();
        long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration pause) {
            pauses.add(pause.toMillis());
            nanos += pause.toNanos();
        }

        long millis() {
            return nanos / 1_000_000;
        }
    }

    @Test
    void aZeroBudgetAsksOnce() {
        int[] asked = {0};
        assertFalse(Poll.until(Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(10), () -> ++asked[0] < 0));
        assertEquals(1, asked[0]);
    }
}
