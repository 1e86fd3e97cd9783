package io.cutover.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;

/** The DMS adapters over the real SDK client against a fresh StubAws for each test (requests checked against the API model). */
abstract class DmsAdapterTest {
    protected StubAws aws;
    protected DatabaseMigrationClient client;
    protected DmsReplication dms;
    protected DmsReplicationStatus status;

    @BeforeEach
    void startStub() {
        aws = StubAws.start();
        client = aws.client(DatabaseMigrationClient.builder());
        dms = new DmsReplication(client);
        status = new DmsReplicationStatus(client);
    }

    @AfterEach
    void stopStub() {
        client.close();
        aws.close();
    }
}
