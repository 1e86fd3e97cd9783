package io.cutover.migrate.run;

import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.migrate.s3.S3Objects;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.runbook.Ports;
import io.cutover.replication.TaskMetrics;
import io.cutover.switchover.SiteDatabases;

/**
 * The migration runbook's ports: the kernel's (RDS, DMS, runs, appmap, clock) plus the sites'
 * databases (sentinels, sequences), CloudWatch's task metrics, and the migration's own database
 * ports (catalog, target preparation, checksums), and the S3 copy's object store (its output check).
 * AWS wiring and the rehearsal build it.
 */
public record MigrationPorts(Ports core, SiteDatabases sites, TaskMetrics metrics, MigrationCatalog catalog,
                             TargetPreparation target, TableChecksums checksums, S3Objects s3) {

    /** Without an S3 object store: a run with an s3Target fails its output check (and only that step). */
    public MigrationPorts(Ports core, SiteDatabases sites, TaskMetrics metrics, MigrationCatalog catalog,
                          TargetPreparation target, TableChecksums checksums) {
        this(core, sites, metrics, catalog, target, checksums, null);
    }

    /** session_replication_role through the target's parameter group (replicationRoleRoute parameterGroup). */
    public TargetParameterGroup targetParameterGroup() {
        return new TargetParameterGroup(core.instances(), sites, core.runs(), core.clock());
    }
}
