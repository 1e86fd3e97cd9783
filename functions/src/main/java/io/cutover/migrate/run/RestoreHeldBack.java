package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.migrate.preparation.LoadPreparation;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.run.RunStore;
import io.cutover.runbook.CallBudget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After the full load: what was held back is recreated as it was recorded (indexes built
 * concurrently, foreign keys NOT VALID then validated, triggers with their enabled state), each
 * with its statements and time. Idempotent: a retry rebuilds nothing that is already there.
 *
 * <p>Over several Lambda calls when one is not enough: each call recreates whole objects, one at
 * a time, while its budget lasts, and the section says which are done. A concurrent index build
 * cannot be left running across calls: it runs on the call's own connection, and PostgreSQL
 * cancels a backend whose client has gone (leaving an INVALID index, which the next attempt drops
 * and builds again). So one build must fit in one call; one that does not is named with what to do.
 */
public final class RestoreHeldBack {
    public static final String RESTORED = "heldBackRestored";

    private final TargetPreparation target;
    private final RunStore runs;

    public RestoreHeldBack(TargetPreparation target, RunStore runs) {
        this.target = target;
        this.runs = runs;
    }

    /** Everything in one go (the rollback, tools and tests): a failure is the adapter's own. */
    public MigrationState.Restored restore(MigrationState state) {
        return restore(state, CallBudget.unlimited(), false);
    }

    /**
     * Whole objects while the call's budget lasts (at least one); not complete means the state
     * machine calls again. An object that fails is named with what to do.
     */
    public MigrationState.Restored restore(MigrationState state, CallBudget budget) {
        return restore(state, budget, true);
    }

    private MigrationState.Restored restore(MigrationState state, CallBudget budget, boolean advise) {
        MigrationState.Restored earlier = state.restored() == null || state.restored().complete() ? null : state.restored();
        LoadPreparation preparation = new LoadPreparation(target);
        List<HeldBackObject> all = preparation.restoreOrder(state.preparation() == null ? List.of() : state.preparation().heldBack());
        List<MigrationState.RestoredObject> objects = new ArrayList<>(earlier == null ? List.of() : earlier.objects());
        Set<String> done = objects.stream().map(MigrationState.RestoredObject::object).collect(Collectors.toSet());
        boolean worked = false;
        for (HeldBackObject o : all) {
            if (done.contains(o.toString())) continue;
            if (worked && budget.spent()) break;
            objects.add(restored(preparation, state, o, advise ? buildLimit(budget) : null));
            done.add(o.toString());
            worked = true;
        }
        boolean complete = all.stream().allMatch(o -> done.contains(o.toString()));
        double seconds = objects.stream().mapToDouble(MigrationState.RestoredObject::seconds).sum();
        if (complete) runs.recordResource(state.runId(), RESTORED, objects.size() + " object(s) in " + seconds + " s");
        return new MigrationState.Restored(objects, seconds, complete, (earlier == null ? 0 : earlier.calls()) + 1);
    }

    /**
     * What one object's statements may take: what is left of the call's budget (the margin behind it
     * covers the reply), never less than a probe's statement.
     */
    static Duration buildLimit(CallBudget budget) {
        Duration limit = budget.forOneUnit();
        return limit == null ? CallBudget.LEAST_FOR_A_UNIT : limit;
    }

    /** @param limit each statement's time limit; null: the adapter's own (the rollback, tools) */
    private static MigrationState.RestoredObject restored(LoadPreparation preparation, MigrationState state, HeldBackObject o,
                                                          Duration limit) {
        long started = System.nanoTime();
        AppliedChange c;
        try {
            c = limit == null ? preparation.restore(state.targetConnection(), o) : preparation.restore(state.targetConnection(), o, limit);
        } catch (RuntimeException e) {
            if (limit == null) throw e;
            double took = Math.round((System.nanoTime() - started) / 1e6) / 1000.0;
            throw new StepFailed(o + " was not recreated (after " + took + " s): " + e.getMessage() + ". Each object is"
                    + " built by one statement inside one Lambda call (a build cannot outlive its call: PostgreSQL cancels"
                    + " a backend whose client is gone), in what is left of the call's budget. If the build ran out of time, recreate it by hand from a session"
                    + " that stays open (" + o.definition() + ", built CONCURRENTLY), or hold back nothing on this table"
                    + " (holdBackConstraints false); the rollback recreates what it can", e);
        }
        return new MigrationState.RestoredObject(o.toString(), c.statements(), c.took().toMillis() / 1000.0);
    }
}
