package io.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the applications were held, read from a run's history: from the end of its first
 * {@code Freeze*} state (unless that state's output says {@code freeze.skipped}, the no-freeze mode)
 * to the end of the last {@code Thaw*} state or rollback after it, else to the end of the
 * execution. The runbooks name their states so: FreezeApplications/ThawApplications/Rollback,
 * FreezeForSwitchover/ThawAfterSwitchover/SwitchoverRollback.
 */
public record FreezeWindow(Instant start, Instant end) {

    public Duration duration() {
        return Duration.between(start, end);
    }

    public static Optional<FreezeWindow> of(RunHistory history) {
        List<RunHistory.Visit> visits = history.visits();
        Instant start = null;
        Instant end = null;
        for (RunHistory.Visit v : visits) {
            if (start == null && v.state().startsWith("Freeze") && v.end() != null
                    && v.outcome() != RunHistory.VisitOutcome.FAILED) {
                if (v.output() != null && v.output().at("/freeze/skipped").asBoolean(false)) return Optional.empty();
                start = v.end();
            } else if (start != null && v.end() != null && (v.state().startsWith("Thaw") || v.state().endsWith("Rollback"))) {
                end = v.end();
            }
        }
        if (start == null) return Optional.empty();
        if (end == null) end = history.ended() != null ? history.ended() : visits.getLast().start();
        return Optional.of(new FreezeWindow(start, end));
    }
}
