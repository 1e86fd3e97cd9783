package io.cutover.switchover;

import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;

import java.util.List;

import java.util.List;

/**
 * Before applications write on the to-site, {@code session_replication_role} goes back to
 * {@code origin} where cutover set it to {@code replica} (a full load's apply login, marked with
 * the run that set it: {@link SiteDatabase#holdReplicaRole}). DMS's own full load sets it per
 * session (the endpoint's afterConnectScript), which leaves nothing behind. A setting someone else
 * made is never reset: if applications would still get {@code replica}, the run stops and names it.
 * Oracle has no such setting: the step reports that.
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
        if (!before.applicable()) return new SwitchoverState.Role(false, null, null, List.of(), List.of());
        ReplicationRole after = db.restoreOriginRole(state.toConnection());
        if (!after.atOrigin()) {
            throw new StepFailed("session_replication_role on " + in.toSite().name() + " is still '" + after.effective()
                    + "' for new sessions after resetting what cutover set (" + (after.reset().isEmpty() ? "nothing"
                    : String.join("; ", after.reset())) + "). Not reset, because cutover did not set "
                    + (after.kept().isEmpty() ? "it: it is set server-wide - set it to origin in the DB parameter group"
                    + " (RDS) or postgresql.conf" : "them: " + String.join("; ", after.kept())
                    + " - reset them yourself if applications must write with origin")
                    + ", then run again");
        }
        return new SwitchoverState.Role(true, before.effective(), after.effective(), after.reset(), after.kept());
    }
}
