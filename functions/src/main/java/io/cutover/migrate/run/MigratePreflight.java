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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every check before anything is touched, all of them run and every failure named: the
 * replication instance available, both endpoints there, the source's CDC prerequisites (with
 * the exact commands to fix each; for Oracle also archived-log retention and the DMS user's
 * grants), every selected table on the target with the same primary
 * key, tables without a key refused unless allowed, LOBs over the task's LobMaxSize. Reads only.
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

    public MigrationState.Preflight preflight(MigrationState state) {
        MigrateInput in = state.input();
        List<Finding> findings = new ArrayList<>();
        String instance = replication.replicationInstanceStatus(in.replicationInstanceArn()).orElse(null);
        if (!"available".equals(instance)) {
            findings.add(new Finding(Finding.Severity.BLOCKER, "replication instance " + in.replicationInstanceArn(),
                    instance == null ? "does not exist" : "is " + instance + ", not available", List.of()));
        }
        endpoint("source", in.source(), "source", findings);
        endpoint("target", in.target(), "target", findings);

        findings.addAll(CdcPrerequisites.check(catalog.cdcSettings(state.sourceConnection()),
                home(in.source(), state.databases().source()),
                CdcPrerequisites.Needs.oneTask().withArchivelogHours(in.archivelogRetentionHours())));

        TableMapping mapping = TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings");
        List<TableDefinition> sourceTables = catalog.tables(state.sourceConnection());
        SchemaComparison.Report schema = SchemaComparison.compare(sourceTables, catalog.tables(state.targetConnection()),
                mapping, in.allowTablesWithoutPrimaryKey());
        findings.addAll(schema.findings());
        List<TableDefinition> selected = sourceTables.stream().filter(t -> mapping.selects(t.name())).toList();
        findings.addAll(lobs.check(state.sourceConnection(), selected, in.lobMaxSizeKb()));
        if (in.twoWayDoor() != null) findings.addAll(twoWayDoor.check(state));

        List<String> blockers = findings.stream().filter(Finding::blocks).map(Finding::toString).toList();
        if (!blockers.isEmpty()) {
            throw new StepFailed("preflight: " + blockers.size() + " problem(s), nothing was touched: "
                    + String.join("; ", blockers));
        }
        return new MigrationState.Preflight(schema.pairs().size(),
                findings.stream().filter(f -> !f.blocks()).map(Finding::toString).toList());
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

    /** Where the source's parameters live: its instance's group or its cluster's group (rebooting the writer). */
    static ParameterHome home(MigrationDatabase db, MigrationState.Endpoint at) {
        return db.isCluster() ? new ParameterHome.AuroraCluster(db.id(), at.parameterGroup(), at.writerInstanceId())
                : new ParameterHome.RdsInstance(db.id(), at.parameterGroup());
    }
}
