package io.cutover.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.StepFailed;
import io.cutover.input.StartInputParser;
import io.cutover.instance.InstanceDescription;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeSecrets;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.cutover.testing.SampleInputs.REPLICA;
import static io.cutover.testing.SampleInputs.REPLICATION_INSTANCE;
import static io.cutover.testing.SampleInputs.SOURCE;
import static io.cutover.testing.SampleInputs.SOURCE_ENDPOINT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preflight over fakes of RDS, DMS, the probes and the appmap: what it checks and what it shows. */
class PreflightTest {
    static final String RUN = "run-7";

    FakeInstances instances;
    FakeReplication replication;
    FakeProbes probes;
    FakeAppMap appMap;
    FakeSecrets secrets;

    @BeforeEach
    void setUp() {
        instances = FakeInstances.pair(SOURCE, REPLICA, "postgres");
        replication = FakeReplication.ready(REPLICATION_INSTANCE, SOURCE_ENDPOINT, "orders-prod-source");
        replication.slotNames.put(SOURCE_ENDPOINT, ResourceNames.slotName(RUN));
        probes = new FakeProbes();
        appMap = FakeAppMap.open("orders-api", "billing-worker");
        secrets = new FakeSecrets();
    }

    RunState state(Consumer<ObjectNode> change) {
        ObjectNode raw = SampleEvents.load("start-postgres.json");
        change.accept(raw);
        return RunState.started(RUN, StartInputParser.parse(raw));
    }

    RunState.Instances check(RunState state) {
        return new Preflight(instances, replication, probes, appMap, secrets, null).check(state);
    }

    String problems(RunState state) {
        return assertThrows(StepFailed.class, () -> check(state)).getMessage();
    }

    @Test
    void showsTheBackupRetentionThePromotionWillSet() {
        RunState.Instances shown = check(state(r -> { }));
        assertEquals(new RunState.BackupRetention(7, "the source's (orders-prod)"), shown.promotedBackupRetention());

        RunState.Instances given = check(state(r -> ((ObjectNode) r.get("replica")).put("backupRetentionPeriod", 21)));
        assertEquals(new RunState.BackupRetention(21, "replica.backupRetentionPeriod of the input"),
                given.promotedBackupRetention());
    }

    @Test
    void aSourceWithoutReportedRetentionNeedsTheInputToSayIt() {
        InstanceDescription p = FakeInstances.primary(SOURCE, "postgres");
        instances.put(new InstanceDescription(p.id(), p.arn(), p.status(), p.engine(), null, p.host(), p.port(), true,
                List.of(REPLICA), Map.of(), null, null));
        String m = problems(state(r -> { }));
        assertTrue(m.contains("source orders-prod reports no BackupRetentionPeriod: give replica.backupRetentionPeriod"), m);
    }

    /** DMS reads host, port, username and password from an endpoint's secret (security_iam_secretsmanager). */
    @Test
    void theTargetEndpointsSecretMustHoldWhatDmsReads() {
        String replicaSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-replica-admin-Ef34Gh";
        secrets.keys.put(replicaSecret, java.util.Set.of("username", "password", "engine"));
        String m = problems(state(r -> { }));
        assertTrue(m.contains("replica.secretArn " + replicaSecret + " lacks host, port: a DMS endpoint reads host, port,"
                + " username and password from its secret (the secret has: engine, password, username)"), m);
        assertTrue(!m.contains("fake-password"), "never a value");
    }

    @Test
    void anRdsManagedMasterSecretIsRefusedWithTheReason() {
        String managed = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-4e5f-6789-abcd-ef0123456789-AbCdEf";
        RunState s = state(r -> { });
        RunState withManaged = RunState.started(s.runId(), new io.cutover.input.PromoteReplicaInput(s.input().engine(),
                s.input().source(), new io.cutover.input.DatabaseRef(REPLICA, "orders", managed), s.input().dms(),
                s.input().applications(), s.input().limits(), true));
        String m = problems(withManaged);
        assertTrue(m.contains("replica.secretArn " + managed + " is an RDS-managed master user secret: it holds no host"
                + " and port, so a DMS endpoint cannot use it"), m);
    }

    /** DMS decodes the slot with the endpoint's PluginName: it must be the decoder the run makes the slot with. */
    @Test
    void theSourceEndpointMustReadTheRunsSlotWithItsDecoder() {
        replication.plugins.put(SOURCE_ENDPOINT, "pglogical");
        String m = problems(state(r -> { }));
        assertTrue(m.contains("PluginName is pglogical, not test-decoding"), m);
        assertTrue(m.contains("aws dms modify-endpoint --endpoint-arn " + SOURCE_ENDPOINT + " --postgre-sql-settings SlotName="
                + ResourceNames.slotName(RUN) + ",PluginName=test-decoding"), m);

        replication.plugins.put(SOURCE_ENDPOINT, "test_decoding");
        check(state(r -> { }));
        replication.slotNames.put(SOURCE_ENDPOINT, "dms_made_this_one");
        assertTrue(problems(state(r -> { })).contains("SlotName is dms_made_this_one, not " + ResourceNames.slotName(RUN)));
    }

    /** Issue 10 item 5: without dms.sourceEndpointArn the run makes its own endpoint from the source's secret. */
    @Test
    void withoutASourceEndpointTheSourceSecretMustServeDmsAndNoSharedEndpointIsChecked() {
        String sourceSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-prod-admin-Ab12Cd";
        replication.slotNames.remove(SOURCE_ENDPOINT);
        RunState own = state(r -> ((ObjectNode) r.get("dms")).remove("sourceEndpointArn"));
        check(own);
        secrets.keys.put(sourceSecret, java.util.Set.of("username", "password"));
        String m = problems(own);
        assertTrue(m.contains("source.secretArn " + sourceSecret + " lacks host, port"), m);
        assertTrue(!m.contains("SlotName"), "no shared endpoint to check: " + m);
    }
}
