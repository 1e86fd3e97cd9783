package io.cutover.migrate.run;

import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.LoadPreparation;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.run.RunStore;

import java.util.List;

/**
 * After the full load: what was held back is recreated as it was recorded (indexes built
 * concurrently, foreign keys NOT VALID then validated, triggers with their enabled state), each
 * with its statements and time. Idempotent: a retry rebuilds nothing that is already there.
 */
public final class RestoreHeldBack {
    public static final String RESTORED = "heldBackRestored";

    private final TargetPreparation target;
    private final RunStore runs;

    public RestoreHeldBack(TargetPreparation target, RunStore runs) {
        this.target = target;
        this.runs = runs;
    }

    public MigrationState.Restored restore(MigrationState state) {
        List<AppliedChange> changes = new LoadPreparation(target).restore(state.targetConnection(),
                state.preparation() == null ? List.of() : state.preparation().heldBack());
        List<MigrationState.RestoredObject> objects = changes.stream().map(c -> new MigrationState.RestoredObject(
                c.object().toString(), c.statements(), c.took().toMillis() / 1000.0)).toList();
        double seconds = objects.stream().mapToDouble(MigrationState.RestoredObject::seconds).sum();
        runs.recordResource(state.runId(), RESTORED, objects.size() + " object(s) in " + seconds + " s");
        return new MigrationState.Restored(objects, seconds);
    }
}
