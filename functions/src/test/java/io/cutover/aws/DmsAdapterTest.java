package io.cutover.aws;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;

/** The DMS adapters over the real SDK client against a fresh StubAws for each test (requests checked against the API model). */
abstract class DmsAdapterTest {
    @RegisterExtension
    final StubAws aws = StubAws.start();
    protected final DatabaseMigrationClient client = aws.client(DatabaseMigrationClient.builder());
    protected final DmsReplication dms = new DmsReplication(client);
    protected final DmsReplicationStatus status = new DmsReplicationStatus(client);
}
