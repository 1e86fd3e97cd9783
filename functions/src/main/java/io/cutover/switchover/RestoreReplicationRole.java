package io.cutover.switchover;

import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;

/**
 * A PostgreSQL target loaded by DMS may have been set to {@code session_replication_role =
 * replica} (no triggers, no foreign key checks) for the full load. Before applications write
 * there it goes back to {@code origin}. Oracle has no such setting: the step reports that.
 */
public final class RestoreReplicationRole {
    private final SiteDatabases sites;

    public RestoreReplicationRole(SiteDatabases sites) {
        this.sites = sites;
    }

    public SwitchoverState.Role restore(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SiteDatabase db = sites.forEngine(in.engine());
        ReplicationRole before = db.replicationRole(state.toConnection());
        if (!before.applicable()) return new SwitchoverState.Role(false, null, null, java.util.List.of());
        ReplicationRole after = before.atOrigin() && before.overrides().stream().noneMatch(o -> !o.endsWith(": origin"))
                ? before : db.restoreOriginRole(state.toConnection());
        if (!after.atOrigin()) {
            throw new StepFailed("session_replication_role on " + in.toSite().name() + " is still '" + after.effective()
                    + "' for new sessions after resetting " + after.reset() + "; it is set server-wide: set it to origin"
                    + " in the DB parameter group (RDS) or postgresql.conf, then run again");
        }
        return new SwitchoverState.Role(true, before.effective(), after.effective(), after.reset());
    }
}
