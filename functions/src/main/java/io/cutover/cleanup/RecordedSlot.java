package io.cutover.cleanup;

import io.cutover.promote.PositionCapture;
import io.cutover.promote.ResourceNames;
import io.cutover.run.RunRecord;
import io.cutover.switchover.BackwardTaskSetup;

import java.util.ArrayList;
import java.util.List;

/**
 * A logical slot a run made and recorded in its run item, with the publication made beside it:
 * promote-replica's slot on the source (publication named after the run), and the switchover's
 * backward slot on the to-site (recorded as "site:slot", publication named like the slot).
 *
 * @param resource    the run item resource naming it; its location is recorded under the same prefix
 */
record RecordedSlot(String resource, String name, String publication) {

    static List<RecordedSlot> of(RunRecord run) {
        List<RecordedSlot> slots = new ArrayList<>();
        String promote = run.resources().get(PositionCapture.LOGICAL_SLOT);
        if (promote != null) {
            slots.add(new RecordedSlot(PositionCapture.LOGICAL_SLOT, promote, ResourceNames.publicationName(run.runId())));
        }
        String backward = run.resources().get(BackwardTaskSetup.BACKWARD_SLOT);
        if (backward != null) {
            String slot = backward.substring(backward.lastIndexOf(':') + 1);
            slots.add(new RecordedSlot(BackwardTaskSetup.BACKWARD_SLOT, slot, slot));
        }
        return slots;
    }
}
