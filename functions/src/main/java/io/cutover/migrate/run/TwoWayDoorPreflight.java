package io.cutover.migrate.run;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.dms.TwoWayTasks;
import io.cutover.input.MigrateInput;
import io.cutover.input.MigrationDatabase;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.preflight.CdcPrerequisites;
import io.cutover.migrate.preflight.Finding;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.switchover.BackwardEndpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * afterCutover twoWayDoor, before anything is touched: what the backward task and the failback
 * rely on. The target becomes a CDC source (wal_level logical, a free slot and WAL sender - with
 * the parameter-group commands, as for the source); the backward task's endpoints exist and
 * tested successful, the target's source endpoint reads twoWayDoor.targetSlotName (or the task
 * exists from an earlier attempt, usable and with loopback prevention); every application's
 * appmap entry knows both sites where the run found them (the failback routes back to SITEA); the
 * migration's table mappings can be mirrored for the backward task ({@link io.cutover.migrate.mapping.BackwardTableMappings}).
 */
public record TwoWayDoorPreflight(MigrationCatalog catalog, Replication replication, AppMap appMap) {
    /**
     * @param mapping      the migration's table mappings (the backward task's are their mirror)
     * @param sourceTables the source's tables
     */
    public List<Finding> check(MigrationState state, TableMapping mapping, List<TableDefinition> sourceTables) {
        MigrateInput in = state.input();
        MigrateInput.TwoWayDoor door = in.twoWayDoor();
        List<Finding> findings = new ArrayList<>();
        for (String p : TwoWayDoorHandover.backwardMappings(in, mapping, sourceTables.stream().map(TableDefinition::name).toList())
                .problems()) {
            findings.add(blocker("table mappings (the backward task's are their mirror, target -> source)", p));
        }
        Optional<TaskDescription> existing = replication.findTaskByIdentifier(door.backwardTaskIdentifier());
        if (existing.isPresent()) {
            TaskDescription t = existing.get();
            if (t.isFailed() || !(t.isRunning() || "ready".equals(t.status()) || "creating".equals(t.status()))) {
                findings.add(blocker("twoWayDoor.backwardTaskIdentifier", "task " + t.identifier() + " exists and is "
                        + t.status() + ": resume it in DMS or delete it so the run creates it anew"));
            }
            replication.taskSettings(t.arn()).ifPresent(settings -> TwoWayTasks.twoWayProblems(t.identifier(), settings)
                    .forEach(p -> findings.add(blocker("twoWayDoor.backwardTaskIdentifier", p))));
        } else {
            BackwardEndpoints endpoints = new BackwardEndpoints(replication);
            endpoints.problem("twoWayDoor.targetSourceEndpointArn", door.targetSourceEndpointArn(), in.replicationInstanceArn())
                    .ifPresent(p -> findings.add(blocker("backward task endpoint", p)));
            endpoints.slotProblem("twoWayDoor.targetSourceEndpointArn", door.targetSourceEndpointArn(),
                    "twoWayDoor.targetSlotName", door.targetSlotName(), "twoWayDoor.postgresPlugin", door.postgresPlugin())
                    .ifPresent(p -> findings.add(blocker("backward task endpoint", p)));
            endpoints.problem("twoWayDoor.sourceTargetEndpointArn", door.sourceTargetEndpointArn(), in.replicationInstanceArn())
                    .ifPresent(p -> findings.add(blocker("backward task endpoint", p)));
        }
        for (Finding f : CdcPrerequisites.check(catalog.cdcSettings(state.targetConnection()),
                MigratePreflight.home(in.target(), state.databases().target()), CdcPrerequisites.Needs.oneTask())) {
            findings.add(new Finding(f.severity(), "target " + f.subject() + " (the backward task reads the target)",
                    f.problem(), f.fix()));
        }
        for (String app : in.applications()) appProblems(state, app, findings);
        return findings;
    }

    private void appProblems(MigrationState state, String app, List<Finding> findings) {
        Optional<Application> entry = appMap.get(app);
        if (entry.isEmpty()) {
            findings.add(blocker("application " + app, "has no appmap entry"));
            return;
        }
        MigrateInput in = state.input();
        check(app, entry.get(), in.source(), state.databases().source(), findings);
        check(app, entry.get(), in.target(), state.databases().target(), findings);
    }

    /** The failback's preflight compares the appmap's sites with its input's: they must be where the run found them. */
    private static void check(String app, Application a, MigrationDatabase db, MigrationState.Endpoint at, List<Finding> findings) {
        Site s = a.sites().get(db.site());
        if (s == null) {
            findings.add(blocker("application " + app, "has no site " + db.site() + " in the appmap (the failback routes between both)"));
        } else if (!s.host().equalsIgnoreCase(at.host()) || s.port() != at.port() || !s.database().equals(db.database())) {
            findings.add(blocker("application " + app, "site " + db.site() + " is " + s.host() + ":" + s.port() + "/"
                    + s.database() + " in the appmap, but " + db.label() + " answers at " + at.host() + ":" + at.port()
                    + "/" + db.database() + " (the failback input is built from the latter)"));
        }
    }

    private static Finding blocker(String subject, String problem) {
        return new Finding(Finding.Severity.BLOCKER, subject, problem, List.of());
    }
}
