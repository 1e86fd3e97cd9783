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

    @Test
    void thePauseDoublesFromTheFirstUpToTheLongest() {
        List<Long> at = new ArrayList<>();
        long start = System.nanoTime();
        assertFalse(Poll.until(Duration.ofMillis(700), Duration.ofMillis(50), Duration.ofMillis(200), () -> {
            at.add((System.nanoTime() - start) / 1_000_000);
            return false;
        }));
        // asked at 0, 50, 150, 350, 550 and at the budget's end (700): pauses 50, 100, 200, 200, 150 (what was left)
        assertEquals(6, at.size(), at.toString());
        assertTrue(at.get(1) >= 50 && at.get(2) >= 150 && at.get(3) >= 350 && at.get(4) >= 550, at.toString());
        assertTrue(at.get(5) >= 700, at.toString());
    }

    @Test
    void aZeroBudgetAsksOnce() {
        int[] asked = {0};
        assertFalse(Poll.until(Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(10), () -> ++asked[0] < 0));
        assertEquals(1, asked[0]);
    }
}
