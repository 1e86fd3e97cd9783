package io.cutover.handler;

import io.cutover.failure.NotReadyYet;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;
import io.cutover.run.StepEvent.Outcome;
import io.cutover.runbook.RunScoped;
import io.cutover.testing.FakeRunStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The step kernel records a step's start and its outcome in the run's history with one write. */
class StepHistoryTest {

    record State(String runId, String result) implements RunScoped {
    }

    /** A step whose use case answers from a supplier, and a clock that moves a second per reading. */
    private static final class Step extends StepHandler<State> {
        private final java.util.function.Supplier<String> useCase;

        Step(RunStore runs, java.util.function.Supplier<String> useCase) {
            super("Probe", "result", State.class, runs, ticking());
            this.useCase = useCase;
        }

        @Override
        protected Object apply(State state) {
            return useCase.get();
        }
    }

    private static Clock ticking() {
        Instant t0 = Instant.parse("2026-12-01T06:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.getAndUpdate(i -> i.plusSeconds(1));
            }
        };
    }

    private final FakeRunStore store = new FakeRunStore();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    /** The fake store, with every call of a recording method counted as one write. */
    private final RunStore runs = (RunStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{RunStore.class},
            (proxy, method, args) -> {
                if (method.getName().startsWith("record")) writes.add(method.getName());
                try {
                    return method.invoke(store, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private static ByteArrayInputStream input() {
        return new ByteArrayInputStream("{\"runId\":\"run-7\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSucceededStepWritesItsStartAndOutcomeOnce() throws Exception {
        new Step(runs, () -> "done").handleRequest(input(), new ByteArrayOutputStream(), null);

        assertEquals(List.of("recordSteps"), writes, "one history write per step");
        RunRecord run = store.run("run-7").orElseThrow();
        assertEquals(List.of(
                new StepEvent("Probe", Outcome.STARTED, Instant.parse("2026-12-01T06:00:00Z"), null),
                new StepEvent("Probe", Outcome.SUCCEEDED, Instant.parse("2026-12-01T06:00:01Z"), "\"done\"")), run.history());
        assertEquals("Probe", run.currentStep());
    }

    @Test
    void aStepNotReadyYetWritesItsStartAndWaitingOnce() {
        assertThrows(NotReadyYet.class, () -> new Step(runs, () -> {
            throw new NotReadyYet("replica still modifying");
        }).handleRequest(input(), new ByteArrayOutputStream(), null));

        assertEquals(List.of("recordSteps"), writes);
        assertEquals(List.of(Outcome.STARTED, Outcome.WAITING),
                store.run("run-7").orElseThrow().history().stream().map(StepEvent::outcome).toList());
        assertEquals("replica still modifying", store.run("run-7").orElseThrow().history().get(1).detail());
    }
}
