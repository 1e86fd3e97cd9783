package io.cutover.jdbc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimelineHistoryTest {

    @Test
    void lastLineHoldsTheForkOfTheNewestTimeline() {
        String history = "1\t0/3000148\tno recovery target specified\n\n2\t1A/50000a0\tno recovery target specified\n";
        assertEquals("1A/50000A0", TimelineHistory.forkLsn(history, 3));
        assertEquals("0/3000148", TimelineHistory.forkLsn("1\t0/3000148\tno recovery target specified\n", 2));
    }

    @Test
    void parentMayBeOlderThanThePreviousTimeline() {
        assertEquals("0/4000000", TimelineHistory.forkLsn("1\t0/4000000\tbefore transaction 750\n", 3));
    }

    @Test
    void malformedHistoriesFail() {
        assertThrows(ProbeException.class, () -> TimelineHistory.forkLsn("", 2));
        assertThrows(ProbeException.class, () -> TimelineHistory.forkLsn("2\t0/3000148\tself\n", 2));
        assertThrows(ProbeException.class, () -> TimelineHistory.forkLsn("1\tnot-an-lsn\treason\n", 2));
    }

    @Test
    void fileNameIsEightHexDigits() {
        assertEquals("0000000A.history", TimelineHistory.fileName(10));
    }
}
