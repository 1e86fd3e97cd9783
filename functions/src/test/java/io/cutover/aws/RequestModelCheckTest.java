package io.cutover.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;

import java.util.List;
import java.util.Map;

import static io.cutover.aws.RecordedDms.INSTANCE;
import static io.cutover.aws.RecordedDms.TARGET_ENDPOINT;
import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check every recorded-shape test gets from {@link StubAws}: requests are validated against
 * AWS's API model of their service, and DMS task settings against DMS's settings layout. These
 * requests are wrong on purpose, to show the check fails when it should.
 */
class RequestModelCheckTest {

    @Test
    void aMissingRequiredMemberAndABadEnumFailTheTest() {
        StubAws aws = StubAws.start();
        try (DatabaseMigrationClient dms = aws.client(DatabaseMigrationClient.builder())) {
            aws.reply(200, JSON_1_1, "dms/test-connection.json").reply(200, JSON_1_1, "dms/create-endpoint.json");
            dms.testConnection(r -> r.endpointArn(TARGET_ENDPOINT));
            dms.createEndpoint(r -> r.endpointIdentifier("run-42-src").endpointType("sauce").engineName("postgres"));
        }
        assertEquals(List.of("TestConnection.ReplicationInstanceArn: required member missing",
                "CreateEndpoint.EndpointType: 'sauce' is not one of [source, target] (ReplicationEndpointTypeValue)"),
                aws.problems());
        AssertionError e = assertThrows(AssertionError.class, aws::close, "the test that sent them fails");
        assertTrue(e.getMessage().contains("required member missing"), e.getMessage());
    }

    @Test
    void aTaskSettingsKeyInTheWrongSectionFailsTheTest() {
        StubAws aws = StubAws.start().expectProblems();
        try (DatabaseMigrationClient dms = aws.client(DatabaseMigrationClient.builder())) {
            aws.reply(200, JSON_1_1, "dms/create-replication-task.json");
            dms.createReplicationTask(r -> r.replicationTaskIdentifier("run-42-cdc").replicationInstanceArn(INSTANCE)
                    .sourceEndpointArn(TARGET_ENDPOINT).targetEndpointArn(TARGET_ENDPOINT).migrationType("cdc")
                    .tableMappings("{\"rules\":[]}")
                    .replicationTaskSettings("{\"ChangeProcessingTuning\":{\"BatchApplyEnabled\":false}}"));
        } finally {
            aws.close();
        }
        assertEquals(List.of("CreateReplicationTask.ReplicationTaskSettings.ChangeProcessingTuning.BatchApplyEnabled: DMS reads"
                + " BatchApplyEnabled in TargetMetadata, not in ChangeProcessingTuning (here it would be ignored)"), aws.problems());
    }

    @Test
    void queryRequestsAreReadBackIntoTheInputShape() {
        StubAws.Request promote = new StubAws.Request("POST", "/", Map.of(),
                "Action=PromoteReadReplica&Version=2014-10-31&DBInstanceIdentifier=orders-replica&BackupRetentionPeriod=7");
        assertEquals(List.of(), StubAws.check(promote));

        StubAws.Request bad = new StubAws.Request("POST", "/", Map.of(),
                "Action=PromoteReadReplica&Version=2014-10-31&BackupRetentionPeriod=seven&BackupRetention=7");
        assertEquals(List.of("PromoteReadReplica.BackupRetention: not a member of PromoteReadReplicaMessage",
                "PromoteReadReplica.BackupRetentionPeriod: 'seven' is not an integer",
                "PromoteReadReplica.DBInstanceIdentifier: required member missing"), StubAws.check(bad));

        StubAws.Request filters = new StubAws.Request("POST", "/", Map.of(), "Action=DescribeDBInstances&Version=2014-10-31"
                + "&Filters.Filter.1.Name=db-instance-id&Filters.Filter.1.Values.Value.1=orders-replica");
        assertEquals(List.of(), StubAws.check(filters));
    }

    @Test
    void aDynamoDbRequestTheModelRefusesIsNotSent() {
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient ddb = software.amazon.awssdk.services.dynamodb.DynamoDbClient
                .builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new io.cutover.testing.ApiModelCheck("dynamodb-2012-08-10")))
                .build()) {
            Exception e = assertThrows(Exception.class, () -> ddb.putItem(r -> r.item(
                    Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RUN#1")))));
            assertTrue(e.getMessage().contains("PutItem.TableName: required member missing"), e.getMessage());
        }
    }
}
