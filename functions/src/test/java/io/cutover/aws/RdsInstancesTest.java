package io.cutover.aws;

import static io.cutover.aws.StubAws.XML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.instance.SnapshotDescription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rds.RdsClient;

class RdsInstancesTest {

    @RegisterExtension
    final StubAws aws = StubAws.start();
    private final RdsInstances rds = new RdsInstances(aws.client(RdsClient.builder()));

    @Test
    void describeSendsTheIdentifierAndMapsAReplica() {
        aws.reply(200, XML, "rds/describe-db-instances-replica.xml");

        InstanceDescription d = rds.describe("orders-replica").orElseThrow();

        aws.onlyRequest().assertForm(Map.of("Action", "DescribeDBInstances", "Version", "2014-10-31",
                "DBInstanceIdentifier", "orders-replica"));

        assertEquals("orders-replica", d.id());
        assertEquals("arn:aws:rds:eu-west-1:123456789012:db:orders-replica", d.arn());
        assertEquals("available", d.status());
        assertEquals("postgres", d.engine());
        assertEquals("orders-primary", d.replicaSourceId());
        assertEquals(Map.of("cutover:allowed", "true"), d.tags());
        assertEquals("orders-replica.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", d.host());
        assertEquals(5432, d.port());
        assertFalse(d.multiAz());
        assertEquals(List.of(), d.replicaIds());
        assertEquals(0, d.backupRetentionPeriod());
        assertNull(d.replicaMode(), "PostgreSQL replicas have no ReplicaMode");
        assertTrue(d.replicatesFrom("orders-primary"));
        assertFalse(d.isPromotionComplete());
    }

    @Test
    void describeMapsAnInstanceWithoutEndpointAndWithReplicas() {
        aws.reply(200, XML, "rds/describe-db-instances-primary-creating.xml");

        InstanceDescription d = rds.describe("billing-primary").orElseThrow();

        assertEquals("creating", d.status());
        assertEquals("oracle-ee", d.engine());
        assertNull(d.host(), "no Endpoint while creating");
        assertEquals(0, d.port());
        assertTrue(d.multiAz());
        assertNull(d.replicaSourceId());
        assertEquals(List.of("billing-replica-a", "billing-replica-b"), d.replicaIds());
    }

    @Test
    void describeOfAPromotedInstanceShowsPromotionComplete() {
        aws.reply(200, XML, "rds/describe-db-instances-standalone.xml");

        assertTrue(rds.describe("orders-replica").orElseThrow().isPromotionComplete());
    }

    @Test
    void describeReadsTheParameterGroupAndItsApplyStatus() {
        aws.reply(200, XML, "rds/describe-db-instances-standalone.xml");

        InstanceDescription d = rds.describe("orders-replica").orElseThrow();

        assertEquals(List.of("orders-target-pg16", "pending-reboot"), List.of(d.parameterGroup(), d.parameterApplyStatus()),
                "DBParameterGroups[0].DBParameterGroupName and .ParameterApplyStatus (rds-2014-10-31 model)");
    }

    @Test
    void describeClusterMapsTheWriterEndpointParameterGroupAndWriter() {
        aws.reply(200, XML, "rds/describe-db-clusters.xml");

        ClusterDescription c = rds.describeCluster("orders-aurora").orElseThrow();

        aws.onlyRequest().assertForm(Map.of("Action", "DescribeDBClusters", "DBClusterIdentifier", "orders-aurora"));
        assertEquals(new ClusterDescription("orders-aurora", "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora",
                "available", "aurora-postgresql", "orders-aurora.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com",
                "orders-aurora.cluster-ro-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", 5432, "orders-aurora-pg16",
                "orders-aurora-1", List.of("orders-aurora-1", "orders-aurora-2"),
                Map.of("orders-aurora-1", "in-sync", "orders-aurora-2", "pending-reboot")), c);
        assertEquals(new ParameterGroupRef("orders-aurora-pg16", true), c.parameterGroupRef());
    }

    @Test
    void describeOfAMissingClusterIsEmpty() {
        aws.reply(404, XML, "rds/error-db-cluster-not-found.xml");

        assertEquals(Optional.empty(), rds.describeCluster("orders-missing"));
    }

    @Test
    void snapshotsAreTaggedWithTheRunAndDescribedByIdentifier() {
        aws.reply(200, XML, "rds/create-db-cluster-snapshot.xml").reply(200, XML, "rds/describe-db-cluster-snapshots.xml")
                .reply(200, XML, "rds/create-db-snapshot.xml").reply(200, XML, "rds/describe-db-snapshots.xml");

        rds.createClusterSnapshot("orders-aurora", "run-42-source", "run-42");
        SnapshotDescription cluster = rds.describeClusterSnapshot("run-42-source").orElseThrow();
        rds.createInstanceSnapshot("orders-prod", "run-42-source", "run-42");
        SnapshotDescription instance = rds.describeInstanceSnapshot("run-42-source").orElseThrow();

        var sent = aws.requests();
        sent.get(0).assertForm(Map.of("Action", "CreateDBClusterSnapshot", "DBClusterIdentifier", "orders-aurora",
                "DBClusterSnapshotIdentifier", "run-42-source", "Tags.Tag.1.Key", "cutover:managed",
                "Tags.Tag.2.Key", "cutover:run-id", "Tags.Tag.2.Value", "run-42"));
        sent.get(1).assertForm(Map.of("Action", "DescribeDBClusterSnapshots"));
        sent.get(2).assertForm(Map.of("Action", "CreateDBSnapshot", "DBInstanceIdentifier", "orders-prod"));
        sent.get(3).assertForm(Map.of("Action", "DescribeDBSnapshots"));
        assertEquals(new SnapshotDescription("run-42-source",
                "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:run-42-source", "orders-aurora", "available", 100), cluster);
        assertTrue(instance.isAvailable());
        assertEquals("orders-prod", instance.sourceId());
    }

    @Test
    void parametersAreReadFromWhatTheOwnerSetAndSetWithTheirApplyMethod() {
        aws.reply(200, XML, "rds/describe-db-cluster-parameters.xml").reply(200, XML, "rds/modify-db-parameter-group.xml")
                .reply(200, XML, "rds/reboot-db-instance.xml");

        Optional<String> role = rds.parameterValue(new ParameterGroupRef("orders-aurora-pg16", true),
                "session_replication_role");
        rds.setParameter(new ParameterGroupRef("orders-target-pg16", false), "session_replication_role", "origin",
                DatabaseInstances.ApplyMethod.PENDING_REBOOT);
        rds.reboot("orders-target");

        var sent = aws.requests();
        assertEquals(Optional.of("replica"), role);
        sent.get(0).assertForm(Map.of("Action", "DescribeDBClusterParameters", "Source", "user"));
        sent.get(1).assertForm(Map.of("Action", "ModifyDBParameterGroup", "DBParameterGroupName", "orders-target-pg16",
                "Parameters.Parameter.1.ParameterName", "session_replication_role",
                "Parameters.Parameter.1.ParameterValue", "origin", "Parameters.Parameter.1.ApplyMethod", "pending-reboot"));
        sent.get(2).assertForm(Map.of("Action", "RebootDBInstance", "DBInstanceIdentifier", "orders-target"));
    }

    @Test
    void describeOfAMissingInstanceIsEmpty() {
        aws.reply(404, XML, "rds/error-db-instance-not-found.xml");

        assertEquals(Optional.empty(), rds.describe("orders-nosuch"));
    }

    @Test
    void throttlingIsATransientCallFailure() {
        aws.reply(400, XML, "rds/error-throttling.xml");

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.describe("orders-replica"));

        assertEquals("RDS", e.service());
        assertEquals("DescribeDBInstances", e.operation());
        assertEquals("Throttling", e.errorCode());
        assertEquals(400, e.statusCode());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("RDS DescribeDBInstances failed: Throttling"), e.getMessage());
    }

    @Test
    void serverErrorsAreTransient() {
        aws.reply(500, XML, "rds/error-internal-failure.xml");

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.describe("orders-replica"));

        assertEquals("InternalFailure", e.errorCode());
        assertTrue(e.isTransient());
    }

    @Test
    void promoteSendsTheBackupRetentionExplicitly() {
        aws.reply(200, XML, "rds/promote-read-replica.xml");

        rds.promote("orders-replica", 7);

        // BackupRetentionPeriod's default would be 1 day.
        aws.onlyRequest().assertForm(Map.of("Action", "PromoteReadReplica", "DBInstanceIdentifier", "orders-replica",
                "BackupRetentionPeriod", "7"));
    }

    @Test
    void describeMapsBackupRetentionAndAnOracleReplicasMode() {
        aws.reply(200, XML, "rds/describe-db-instances-oracle-replica-mounted.xml");

        InstanceDescription d = rds.describe("ledger-replica").orElseThrow();

        assertEquals("mounted", d.replicaMode());
        assertTrue(d.isMounted());
        assertEquals(0, d.backupRetentionPeriod());
    }

    @Test
    void promoteRefusedWhileBackingUpIsTransient() {
        aws.reply(400, XML, "rds/error-invalid-db-instance-state-backing-up.xml")
                .reply(200, XML, "rds/describe-db-instances-replica-backing-up.xml");

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.promote("orders-replica", 7));

        assertEquals("PromoteReadReplica", e.operation());
        assertEquals("InvalidDBInstanceState", e.errorCode());
        assertTrue(e.isTransient());
        assertEquals("DescribeDBInstances", aws.requests().get(1).form().get("Action"),
                "the status, not the message text, decides");
    }

    @Test
    void promoteRefusedForAStandaloneInstanceIsNotTransient() {
        aws.reply(400, XML, "rds/error-invalid-db-instance-state.xml")
                .reply(200, XML, "rds/describe-db-instances-standalone.xml");

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.promote("orders-replica", 7));

        assertEquals("InvalidDBInstanceState", e.errorCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("DB Instance is not a read replica."), e.getMessage());
    }

    @Test
    void promoteOfAMissingInstanceIsNotTransient() {
        aws.reply(404, XML, "rds/error-db-instance-not-found.xml");

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.promote("orders-nosuch", 7));

        assertEquals("DBInstanceNotFound", e.errorCode());
        assertFalse(e.isTransient());
    }

    @Test
    void noAnswerAtAllIsTransient() {
        aws.close(); // connection refused from now on

        AwsCallException e = assertThrows(AwsCallException.class, () -> rds.describe("orders-replica"));

        assertNull(e.errorCode());
        assertEquals(0, e.statusCode());
        assertTrue(e.isTransient());
    }
}
