package io.cutover.status;

import io.cutover.run.StepEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a run, from its history lines: first start to last outcome, how many attempts
 * (a step the machine polls or retries starts several times) and its last outcome.
 *
 * @param outcome last recorded outcome: STARTED (still running), SUCCEEDED, WAITING, FAILED
 * @param seconds first start to last outcome; null while it has only started
 * @param detail  the last outcome's detail (result summary, failure message)
 */
public record StepTiming(String step, String outcome, Instant startedAt, Instant endedAt, Double seconds,
                         int attempts, String detail) {

    /** Steps in the order they first appear in the history. */
    public static List<StepTiming> fromHistory(List<StepEvent> history) {
        Map<String, List<StepEvent>> byStep = new LinkedHashMap<>();
        for (StepEvent e : history) byStep.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
        List<StepTiming> out = new ArrayList<>();
        for (Map.Entry<String, List<StepEvent>> entry : byStep.entrySet()) {
            List<StepEvent> events = entry.getValue();
            StepEvent first = events.get(0);
            StepEvent last = events.get(events.size() - 1);
            int attempts = (int) events.stream().filter(e -> e.outcome() == StepEvent.Outcome.STARTED).count();
            boolean ended = last.outcome() != StepEvent.Outcome.STARTED;
            Instant end = ended ? last.at() : null;
            Double seconds = ended && first.at() != null && end != null
                    ? Duration.between(first.at(), end).toMillis() / 1000.0 : null;
            out.add(new StepTiming(entry.getKey(), last.outcome().name(), first.at(), end, seconds,
                    Math.max(1, attempts), last.detail()));
        }
        return out;
    }
}
