package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.instance.ClusterDescription;
import io.cutover.testing.FakeInstances;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseLocatorTest {
    private final FakeInstances rds = new FakeInstances();
    private final DatabaseLocator locator = new DatabaseLocator(rds);

    @Test
    void aClusterIsReachedAtItsWriterEndpointAndAnInstanceAtItsOwn() {
        rds.putCluster(FakeInstances.cluster("orders-aurora"));
        rds.put(FakeInstances.standalone("orders-aurora-v2", "postgres", "available"));
        MigrateInput in = migration().input(i -> ((ObjectNode) i.get("target")).put("kind", "instance")).build().input();

        MigrationState.Databases at = locator.locate(in);

        assertEquals(new MigrationState.Endpoint("orders-aurora.cluster-abc.eu-west-1.rds.amazonaws.com", 5432,
                "orders-aurora-1", "orders-aurora-params"), at.source());
        assertEquals("orders-aurora-v2.example.internal", at.target().host());
        assertEquals("orders-aurora-v2", at.target().writerInstanceId());
    }

    @Test
    void aMissingDatabaseIsNamedAndOneThatIsBusyIsWaitedFor() {
        rds.putCluster(FakeInstances.cluster("orders-aurora"));
        MigrateInput in = migration().build().input();

        assertEquals("target cluster orders-aurora-v2 does not exist",
                assertThrows(StepFailed.class, () -> locator.locate(in)).getMessage());

        ClusterDescription c = FakeInstances.cluster("orders-aurora-v2");
        rds.putCluster(new ClusterDescription(c.id(), c.arn(), "modifying", c.engine(), c.writerEndpoint(),
                c.readerEndpoint(), c.port(), c.parameterGroup(), c.writerInstanceId(), List.of()));
        assertEquals("target cluster orders-aurora-v2 is modifying",
                assertThrows(NotReadyYet.class, () -> locator.locate(in)).getMessage());
    }

    @Test
    void aReadReplicaIsNotASourceToMigrate() {
        rds.put(FakeInstances.replica("orders-aurora", "orders-prod", "postgres", "available"));
        MigrateInput in = migration().input(i -> ((ObjectNode) i.get("source")).put("kind", "instance")).build().input();

        assertEquals("source instance orders-aurora is a read replica of orders-prod: a migration moves a writable database",
                assertThrows(StepFailed.class, () -> locator.locate(in)).getMessage());
    }
}
