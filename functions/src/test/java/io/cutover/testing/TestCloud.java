package io.cutover.testing;

import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.dynamo.Tables;
import io.cutover.runbook.Ports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * What the step, event and status tests run on: the product's two tables on DynamoDB Local
 * (started once per test class; tests keep apart by their own run ids and application names)
 * and fresh fakes of RDS, DMS, the source probes and Step Functions callbacks for each test,
 * which a test may configure or replace before it builds its ports.
 *
 * <pre>{@code @RegisterExtension static final TestCloud cloud = new TestCloud();}</pre>
 */
public final class TestCloud implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    public static final String RUNS_TABLE = "runs";
    public static final String APPMAP_TABLE = "appmap";

    private DynamoDbLocal dynamo;
    public DynamoRunStore runs;
    public DynamoAppMap appMap;

    public FakeInstances instances;
    public FakeReplication replication;
    public FakeProbes probes;
    public RecordingCallbacks callbacks;

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamo = DynamoDbLocal.start();
        Tables.createRunsTable(dynamo.client(), RUNS_TABLE);
        Tables.createAppMapTable(dynamo.client(), APPMAP_TABLE);
        runs = new DynamoRunStore(dynamo.client(), RUNS_TABLE);
        appMap = new DynamoAppMap(dynamo.client(), APPMAP_TABLE);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        instances = new FakeInstances();
        replication = new FakeReplication();
        probes = new FakeProbes();
        callbacks = new RecordingCallbacks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        dynamo.close();
    }

    public DynamoDbClient client() {
        return dynamo.client();
    }

    /** The runbook ports over the tables and this test's fakes. */
    public Ports ports(Clock clock) {
        return new Ports(instances, replication, probes, runs, appMap, callbacks, clock, new FakeSecrets());
    }
}
