package io.cutover.jdbc;

import org.junit.jupiter.api.Test;

import static io.cutover.probe.Position.lsnToLong;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WalDistanceTest {

    private static final int PAGE = 8192;

    @Test
    void plainDistance() {
        assertEquals(0x100, WalDistance.unreplayed(lsnToLong("0/3000200"), lsnToLong("0/3000100"), PAGE));
        assertEquals(0, WalDistance.unreplayed(lsnToLong("0/3000100"), lsnToLong("0/3000100"), PAGE));
        assertEquals(0, WalDistance.unreplayed(lsnToLong("0/3000100"), lsnToLong("0/3000200"), PAGE), "replica read later");
    }

    @Test
    void insertPointerJustPastAPageHeaderIsCaughtUp() {
        assertEquals(0, WalDistance.unreplayed(lsnToLong("0/3002018"), lsnToLong("0/3002000"), PAGE), "short header, 24 bytes");
        assertEquals(0, WalDistance.unreplayed(lsnToLong("1/28"), lsnToLong("1/0"), PAGE), "long header at a segment start, 40 bytes");
    }

    @Test
    void realRecordsAfterAPageStartAreLag() {
        assertEquals(0x30, WalDistance.unreplayed(lsnToLong("0/3002030"), lsnToLong("0/3002000"), PAGE));
        assertEquals(0x2018, WalDistance.unreplayed(lsnToLong("0/3002018"), lsnToLong("0/3000000"), PAGE));
    }
}
