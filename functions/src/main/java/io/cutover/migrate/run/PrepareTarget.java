package io.cutover.migrate.run;

import io.cutover.input.MigrateInput;
import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.migrate.preparation.LoadPreparation;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.probe.DbConnection;
import io.cutover.run.RunStore;

import java.util.List;

/**
 * The target before the load, in two steps so a rollback always knows what to undo:
 * {@link #prepareTarget} records the secondary objects to hold back (read only) and sets
 * {@code session_replication_role = replica} for the DMS apply user at role level (no reboot;
 * foreign keys and triggers then do not fire for DMS's writes), recording what the role had - or,
 * with {@code replicationRoleRoute parameterGroup}, in the target's parameter group
 * ({@link TargetParameterGroup}: CheckTargetParameter then waits until it is in effect);
 * {@link #holdBack} drops the recorded objects when the input asks ({@code holdBackConstraints}).
 */
public record PrepareTarget(MigrationCatalog catalog, TargetPreparation target, RunStore runs,
                            TargetParameterGroup parameterGroup) {
    /** Run item resources: the role's previous setting ("-" for none) and what was held back. */
    public static final String ROLE_PREVIOUS = "applyRolePrevious";
    public static final String HELD_BACK = "heldBack";

    public MigrationState.Preparation prepareTarget(MigrationState state) {
        MigrateInput in = state.input();
        DbConnection db = state.targetConnection();
        List<HeldBackObject> heldBack = List.of();
        if (in.holdBackConstraints()) {
            heldBack = new LoadPreparation(target).record(db, targetTables(state));
            runs.recordResource(state.runId(), HELD_BACK, heldBack.size() + " object(s): "
                    + String.join(", ", heldBack.stream().map(HeldBackObject::toString).toList()));
        }
        if (in.replicationRoleRoute() == MigrateInput.ReplicationRoleRoute.PARAMETER_GROUP) {
            return new MigrationState.Preparation(null, heldBack, 0, parameterGroup.setReplica(state));
        }
        RoleSetting role = target.setReplicaRole(db, in.target().applyUser());
        runs.recordResource(state.runId(), ROLE_PREVIOUS, role.previous() == null ? "-" : role.previous());
        return new MigrationState.Preparation(role, heldBack, 0);
    }

    /** CheckTargetParameter: polled until the parameter group's replica shows in a new session on the target. */
    public MigrationState.Preparation checkParameter(MigrationState state) {
        MigrationState.Preparation p = state.preparation();
        return p.withParameter(parameterGroup.check(state, p.parameter()));
    }

    public MigrationState.Preparation holdBack(MigrationState state) {
        MigrationState.Preparation p = state.preparation();
        List<AppliedChange> dropped = new LoadPreparation(target).holdBack(state.targetConnection(), p.heldBack());
        return new MigrationState.Preparation(p.role(), p.heldBack(), (int) dropped.stream().filter(AppliedChange::changed).count(),
                p.parameter());
    }

    /** The target tables the mappings select from the source's tables, under their target names. */
    List<TableName> targetTables(MigrationState state) {
        TableMapping mapping = TableMappingParser.parse(state.input().tableMappingTree(), "dms.tableMappings");
        return mapping.selected(catalog.tables(state.sourceConnection()).stream().map(t -> t.name()).toList())
                .stream().map(mapping::targetTable).toList();
    }
}
