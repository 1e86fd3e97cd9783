package io.cutover.cleanup;

import java.util.List;

/**
 * What carrying out a plan did, in order, and where it stopped.
 *
 * @param failure why it stopped before the end (a task that did not stop in time, a refused call);
 *                null when every step was done. Running the clean-up again finishes the job.
 */
public record CleanupOutcome(List<String> done, String failure) {

    public CleanupOutcome {
        done = List.copyOf(done);
    }

    public boolean complete() {
        return failure == null;
    }
}
