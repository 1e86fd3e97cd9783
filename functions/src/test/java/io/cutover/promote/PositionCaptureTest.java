package io.cutover.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.StartInputParser;
import io.cutover.probe.BlockingSession;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionCaptureTest {
    static final BlockingSession BLOCKER = new BlockingSession(4242, "app_user", "orders-api", "2026-11-30T10:00:00Z",
            "idle in transaction");

    final FakeProbes probes = new FakeProbes();
    final FakeRunStore runs = new FakeRunStore();
    Instant now = Instant.parse("2026-11-30T10:05:00Z");

    PositionCapture capture() {
        return new PositionCapture(probes, runs, Clock.fixed(now, ZoneOffset.UTC));
    }

    static RunState state(Consumer<ObjectNode> change) {
        ObjectNode raw = SampleEvents.load("start-postgres.json");
        change.accept(raw);
        return new RunState("run-9", StartInputParser.parse(raw), null,
                new RunState.Instances(new RunState.Address("src", 5432), new RunState.Address("rep", 5432)),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Slot creation waits for open transactions: the step names them and waits as not-ready, up to the limit. */
    @Test
    void openTransactionsAreNamedAndWaitedForUpToTheInputsLimit() {
        probes.slotBlockers = List.of(BLOCKER);
        RunState state = state(r -> ((ObjectNode) r.get("limits")).put("slotWaitSeconds", 60));

        NotReadyYet first = assertThrows(NotReadyYet.class, () -> capture().capturePosition(state));
        assertTrue(first.getMessage().contains("pid 4242 (user app_user, application orders-api, transaction since"
                + " 2026-11-30T10:00:00Z, idle in transaction)"), first.getMessage());
        assertTrue(first.getMessage().contains("0 of 60 s, limits.slotWaitSeconds"), first.getMessage());

        now = now.plus(Duration.ofSeconds(59));
        assertThrows(NotReadyYet.class, () -> capture().capturePosition(state));
        now = now.plus(Duration.ofSeconds(1));
        StepFailed last = assertThrows(StepFailed.class, () -> capture().capturePosition(state));
        assertTrue(last.getMessage().contains("still open after 60 s (limits.slotWaitSeconds 60)"), last.getMessage());
        assertTrue(last.getMessage().contains("pid 4242"), last.getMessage());
        assertTrue(runs.run("run-9").orElseThrow().resources().get("logicalSlot") == null, "no slot made");
    }

    @Test
    void onceTheyEndTheSlotIsMadeAndRecorded() {
        probes.slotBlockers = List.of(BLOCKER);
        RunState state = state(r -> { });
        assertThrows(NotReadyYet.class, () -> capture().capturePosition(state));
        probes.slotBlockers = List.of();
        RunState.CapturedPosition p = capture().capturePosition(state);
        assertEquals(ResourceNames.slotName("run-9"), p.slotName());
        assertEquals(p.slotName(), runs.run("run-9").orElseThrow().resources().get("logicalSlot"));
    }
}
