package io.cutover.rehearsal;

import io.cutover.rehearsal.local.LocalEventBus;

import java.time.Duration;

/**
 * How to rehearse.
 *
 * @param freeze        freeze the applications (false = PostgreSQL no-freeze mode)
 * @param failAt        Task state to inject a fault at, or null
 * @param fleet         source/replica pairs, each its own run, all at once
 * @param events        EventBridge behaviour (lost, duplicated, delayed, out of order)
 * @param eventWait     how long a waiting step waits for an event before it polls
 * @param timeScale     multiplies Wait and Retry intervals (the input's poll interval stays 1 s)
 * @param verbose       print every state as it starts and ends
 * @param applicationPace how often each pair's heartbeat application writes (it reads its appmap entry first)
 */
public record RehearsalOptions(boolean freeze, String failAt, int fleet, LocalEventBus.Faults events,
                               Duration eventWait, double timeScale, boolean verbose, Duration applicationPace) {

    public static RehearsalOptions defaults() {
        return new RehearsalOptions(true, null, 1, LocalEventBus.Faults.NONE, Duration.ofSeconds(30), 0.25, true,
                Duration.ofMillis(20));
    }

    public RehearsalOptions withFreeze(boolean value) {
        return new RehearsalOptions(value, failAt, fleet, events, eventWait, timeScale, verbose, applicationPace);
    }

    public RehearsalOptions withFailAt(String value) {
        return new RehearsalOptions(freeze, value, fleet, events, eventWait, timeScale, verbose, applicationPace);
    }

    public RehearsalOptions withFleet(int value) {
        return new RehearsalOptions(freeze, failAt, value, events, eventWait, timeScale, verbose, applicationPace);
    }

    public RehearsalOptions withEvents(LocalEventBus.Faults value) {
        return new RehearsalOptions(freeze, failAt, fleet, value, eventWait, timeScale, verbose, applicationPace);
    }

    public RehearsalOptions withEventWait(Duration value) {
        return new RehearsalOptions(freeze, failAt, fleet, events, value, timeScale, verbose, applicationPace);
    }

    public RehearsalOptions withVerbose(boolean value) {
        return new RehearsalOptions(freeze, failAt, fleet, events, eventWait, timeScale, value, applicationPace);
    }

    public RehearsalOptions withApplicationPace(Duration value) {
        return new RehearsalOptions(freeze, failAt, fleet, events, eventWait, timeScale, verbose, value);
    }
}
