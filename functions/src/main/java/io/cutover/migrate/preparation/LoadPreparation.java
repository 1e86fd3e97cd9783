package io.cutover.migrate.preparation;

import io.cutover.migrate.TableName;
import io.cutover.probe.DbConnection;

import java.util.Comparator;
import java.util.List;

/**
 * Holds the target's secondary objects back for the full load and puts them back after it, in the
 * order their dependencies need: off - triggers, foreign keys, unique constraints, indexes; on -
 * indexes, unique constraints, foreign keys, triggers. Each change is returned with its time so the
 * run can record it.
 */
public final class LoadPreparation {
    private static final List<HeldBackObject.Kind> DROP_ORDER = List.of(HeldBackObject.Kind.TRIGGER,
            HeldBackObject.Kind.FOREIGN_KEY, HeldBackObject.Kind.UNIQUE_CONSTRAINT, HeldBackObject.Kind.INDEX);

    private final TargetPreparation target;

    public LoadPreparation(TargetPreparation target) {
        this.target = target;
    }

    public List<HeldBackObject> record(DbConnection db, List<TableName> tables) {
        return target.heldBackObjects(db, tables);
    }

    public List<AppliedChange> holdBack(DbConnection db, List<HeldBackObject> objects) {
        return ordered(objects, Comparator.comparingInt(o -> DROP_ORDER.indexOf(o.kind())))
                .stream().map(o -> target.drop(db, o)).toList();
    }

    public List<AppliedChange> restore(DbConnection db, List<HeldBackObject> objects) {
        return restoreOrder(objects).stream().map(o -> restore(db, o)).toList();
    }

    /** The order objects are recreated in (indexes, unique constraints, foreign keys, triggers), for a restore over several calls. */
    public List<HeldBackObject> restoreOrder(List<HeldBackObject> objects) {
        return ordered(objects, Comparator.comparingInt((HeldBackObject o) -> DROP_ORDER.indexOf(o.kind())).reversed());
    }

    /** Recreates one object; a restore over several calls takes them in {@link #restoreOrder}. */
    public AppliedChange restore(DbConnection db, HeldBackObject object) {
        return target.recreate(db, object);
    }

    /** Recreates one object, its statements allowed up to {@code timeLimit} each. */
    public AppliedChange restore(DbConnection db, HeldBackObject object, java.time.Duration timeLimit) {
        return target.recreate(db, object, timeLimit);
    }

    private static List<HeldBackObject> ordered(List<HeldBackObject> objects, Comparator<HeldBackObject> order) {
        return objects.stream().sorted(order.thenComparing(HeldBackObject::table).thenComparing(HeldBackObject::name)).toList();
    }
}
