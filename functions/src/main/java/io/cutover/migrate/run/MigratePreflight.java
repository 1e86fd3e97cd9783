package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.input.MigrationDatabase;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.preflight.CdcPrerequisites;
import io.cutover.migrate.preflight.Finding;
import io.cutover.migrate.preflight.LobCheck;
import io.cutover.migrate.preflight.ParameterHome;
import io.cutover.migrate.preflight.SchemaComparison;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.Replication;
import io.cutover.runbook.CallBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every check before anything is touched, all of them run and every failure named: the
 * replication instance available, both endpoints there, the source's CDC prerequisites (with
 * the exact commands to fix each; for Oracle also archived-log retention and the DMS user's
 * grants), every selected table on the target with the same primary
 * key, tables without a key refused unless allowed, LOBs over the task's LobMaxSize. Reads only.
 * The LOB scan reads every row of every LOB table, so it goes on over several Lambda calls when
 * one is not enough ({@link CallBudget}), one table at a time.
 */
public final class MigratePreflight {
    private final MigrationCatalog catalog;
    private final Replication replication;
    private final LobCheck lobs;
    private final TwoWayDoorPreflight twoWayDoor;

    public MigratePreflight(MigrationCatalog catalog, Replication replication, io.cutover.appmap.AppMap appMap) {
        this.catalog = catalog;
        this.replication = replication;
        this.lobs = new LobCheck(catalog);
        this.twoWayDoor = new TwoWayDoorPreflight(catalog, replication, appMap);
    }

    /** Every check in one go (tools and tests). */
    public MigrationState.Preflight preflight(MigrationState state) {
        return preflight(state, CallBudget.unlimited());
    }

    /**
     * Within one call's budget: the first call runs every check but the LOB scan, then scans LOB
     * tables while the budget lasts; later calls go on scanning from the run state (tables scanned,
     * what was found). Every problem is named in one failure once the scan is over.
     */
    public MigrationState.Preflight preflight(MigrationState state, CallBudget budget) {
        MigrationState.Preflight earlier = state.preflight() == null || state.preflight().complete() ? null : state.preflight();
        MigrateInput in = state.input();
        TableMapping mapping = TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings");
        List<TableDefinition> sourceTables = catalog.tables(state.sourceConnection());
        List<TableDefinition> lobTables = in.lobMaxSizeKb() <= 0 ? List.of()
                : sourceTables.stream().filter(t -> mapping.selects(t.name()) && !t.lobColumns().isEmpty()).toList();
        MigrationState.Preflight so = earlier != null ? earlier : checks(state, mapping, sourceTables, lobTables.size());
        List<String> blockers = new ArrayList<>(so.blockers());
        int scanned = so.lobTablesScanned();
        boolean worked = earlier == null;
        for (; scanned < lobTables.size(); scanned++) {
            if (worked && budget.spent()) break;
            lobs.check(state.sourceConnection(), List.of(lobTables.get(scanned)), in.lobMaxSizeKb(),
                            budget.forOneUnit()).stream()
                    .filter(Finding::blocks).forEach(f -> blockers.add(f.toString()));
            worked = true;
        }
        boolean complete = scanned >= lobTables.size();
        if (complete && !blockers.isEmpty()) {
            throw new StepFailed("preflight: " + blockers.size() + " problem(s), nothing was touched: "
                    + String.join("; ", blockers));
        }
        return new MigrationState.Preflight(so.tables(), so.warnings(), complete, lobTables.size(), scanned,
                complete ? List.of() : blockers, so.calls() + 1);
    }

    /** Every check but the LOB scan: their blockers and warnings, for the calls that scan LOBs. */
    private MigrationState.Preflight checks(MigrationState state, TableMapping mapping, List<TableDefinition> sourceTables,
                                            int lobTables) {
        MigrateInput in = state.input();
        List<Finding> findings = new ArrayList<>();
        String instance = replication.replicationInstanceStatus(in.replicationInstanceArn()).orElse(null);
        if (!"available".equals(instance)) {
            findings.add(new Finding(Finding.Severity.BLOCKER, "replication instance " + in.replicationInstanceArn(),
                    instance == null ? "does not exist" : "is " + instance + ", not available", List.of()));
        }
        endpoint("source", in.source(), "source", findings);
        endpoint("target", in.target(), "target", findings);
        if (in.replicationRoleRoute() == MigrateInput.ReplicationRoleRoute.PARAMETER_GROUP) {
            replicaRoleGroup(in.target(), state.databases().target()).ifPresent(findings::add);
        }

        findings.addAll(CdcPrerequisites.check(catalog.cdcSettings(state.sourceConnection()),
                home(in.source(), state.databases().source()),
                CdcPrerequisites.Needs.oneTask().withArchivelogHours(in.archivelogRetentionHours())));

        SchemaComparison.Report schema = SchemaComparison.compare(sourceTables, catalog.tables(state.targetConnection()),
                mapping, in.allowTablesWithoutPrimaryKey());
        findings.addAll(schema.findings());
        if (in.twoWayDoor() != null) findings.addAll(twoWayDoor.check(state, mapping, sourceTables));

        return new MigrationState.Preflight(schema.pairs().size(),
                findings.stream().filter(f -> !f.blocks()).map(Finding::toString).toList(), false, lobTables, 0,
                findings.stream().filter(Finding::blocks).map(Finding::toString).toList(), 0);
    }

    private void endpoint(String role, MigrationDatabase db, String type, List<Finding> findings) {
        Optional<EndpointDescription> e = replication.describeEndpoint(db.endpointArn());
        if (e.isEmpty()) {
            findings.add(new Finding(Finding.Severity.BLOCKER, role + " endpoint " + db.endpointArn(), "does not exist",
                    List.of()));
        } else if (e.get().type() != null && !e.get().type().equalsIgnoreCase(type)) {
            findings.add(new Finding(Finding.Severity.BLOCKER, role + " endpoint " + db.endpointArn(),
                    "is a " + e.get().type() + " endpoint, not a " + type + " endpoint", List.of()));
        }
    }

    /**
     * replicationRoleRoute parameterGroup: the target's group must be one RDS lets the run modify - not
     * a {@code default.*} group; the fix makes a custom one and attaches it (with the reboot that needs).
     */
    private static Optional<Finding> replicaRoleGroup(MigrationDatabase target, MigrationState.Endpoint at) {
        String subject = "target " + target.label() + " (replicationRoleRoute parameterGroup)";
        if (at.parameterGroup() == null) {
            return Optional.of(new Finding(Finding.Severity.BLOCKER, subject, "RDS reports no parameter group for it",
                    List.of()));
        }
        if (!at.parameterGroup().startsWith("default.")) return Optional.empty();
        return Optional.of(new Finding(Finding.Severity.BLOCKER, subject, "its " + (target.isCluster() ? "DB cluster" : "DB")
                + " parameter group " + at.parameterGroup() + " is an RDS default group, which RDS refuses to modify:"
                + " attach a custom group (or use replicationRoleRoute role)",
                home(target, at).set(TargetParameterGroup.PARAMETER, "replica", target.isCluster())));
    }

    /** Where a database's parameters live: its instance's group or its cluster's group (rebooting the writer). */
    static ParameterHome home(MigrationDatabase db, MigrationState.Endpoint at) {
        return db.isCluster() ? new ParameterHome.AuroraCluster(db.id(), at.parameterGroup(), at.writerInstanceId())
                : new ParameterHome.RdsInstance(db.id(), at.parameterGroup());
    }
}
