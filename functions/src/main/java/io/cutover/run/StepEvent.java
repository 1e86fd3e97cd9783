package io.cutover.run;

import java.time.Instant;

/** One line of a run's step history. */
public record StepEvent(String step, Outcome outcome, Instant at, String detail) {
    public enum Outcome { STARTED, SUCCEEDED, WAITING, FAILED }
}
