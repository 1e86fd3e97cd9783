package io.cutover.migrate.run;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.input.MigrationDatabase;
import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;

/**
 * Where the source and target answer: an instance's endpoint, an Aurora cluster's writer
 * endpoint (always the current writer, whatever failovers happen during the load). The input
 * names databases by RDS identifier, never by host, so the run connects where RDS says.
 */
public final class DatabaseLocator {
    private final DatabaseInstances instances;

    public DatabaseLocator(DatabaseInstances instances) {
        this.instances = instances;
    }

    public MigrationState.Databases locate(MigrateInput in) {
        return new MigrationState.Databases(locate("source", in.source()), locate("target", in.target()));
    }

    private MigrationState.Endpoint locate(String role, MigrationDatabase db) {
        if (db.isCluster()) {
            ClusterDescription c = instances.describeCluster(db.id())
                    .orElseThrow(() -> new StepFailed(role + " cluster " + db.id() + " does not exist"));
            if (!c.isAvailable()) throw new NotReadyYet(role + " cluster " + db.id() + " is " + c.status());
            if (c.writerInstanceId() == null) throw new NotReadyYet(role + " cluster " + db.id() + " has no writer now");
            return new MigrationState.Endpoint(c.writerEndpoint(), c.port(), c.writerInstanceId(), c.parameterGroup());
        }
        InstanceDescription i = instances.describe(db.id())
                .orElseThrow(() -> new StepFailed(role + " instance " + db.id() + " does not exist"));
        if (!i.isAvailable()) throw new NotReadyYet(role + " instance " + db.id() + " is " + i.status());
        if (i.isReplica()) {
            throw new StepFailed(role + " instance " + db.id() + " is a read replica of " + i.replicaSourceId()
                    + ": a migration moves a writable database");
        }
        return new MigrationState.Endpoint(i.host(), i.port(), i.id(), i.parameterGroup());
    }
}
