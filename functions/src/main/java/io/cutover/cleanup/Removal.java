package io.cutover.cleanup;

import java.util.List;

/**
 * One thing a run created (or may have created), and what the clean-up does with it.
 *
 * @param id        the ARN of a task or endpoint; the slot's name
 * @param name      how an operator knows it: the DMS identifier; the slot and its server
 * @param status    DMS's status, or "absent"; for a slot "inactive", "active"
 * @param createdBy why it counts as the run's own (its tags, the run item), or why not
 * @param readers   what still reads it (a running task, a task using an endpoint, a session on a slot)
 * @param note      why the action, and for a refusal what would unblock it
 */
public record Removal(Kind kind, String id, String name, String status, boolean madeByRun, String createdBy,
                      List<String> readers, Action action, String note) {

    public Removal {
        readers = List.copyOf(readers);
    }

    public enum Kind {
        TASK("DMS task"), ENDPOINT("DMS endpoint"), SLOT("logical slot");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Action {
        /** DeleteReplicationTask / DeleteEndpoint. */
        DELETE,
        /** StopReplicationTask, wait until stopped, then delete (--stop-tasks). */
        STOP_AND_DELETE,
        /** The slot and its publication dropped on the source. */
        DROP,
        /** Not made by this run: never touched. */
        KEEP_NOT_OURS,
        /** Still read: the whole clean-up is refused until it is not. */
        REFUSE,
        /** Nothing the command can do; the note says what to do by hand. */
        BY_HAND,
        /** Already gone. */
        NOTHING;

        /** Whether carrying out the plan changes this resource. */
        public boolean acts() {
            return this == DELETE || this == STOP_AND_DELETE || this == DROP;
        }
    }
}
