package io.cutover.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.StartInputParser;
import io.cutover.promote.ReplicaPromotion;
import io.cutover.promote.RunState;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rds.RdsClient;

import java.time.Clock;
import java.util.Map;

import static io.cutover.aws.StubAws.XML;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PromoteReadReplica's BackupRetentionPeriod defaults to 1 day (API_PromoteReadReplica): the
 * promotion must send the retention wanted - the source's, unless the input says otherwise.
 * The use case over the real RDS adapter, its request checked on the wire.
 */
class PromotionBackupRetentionTest {
    @RegisterExtension
    final StubAws aws = StubAws.start();
    private final RdsClient client = aws.client(RdsClient.builder());

    private static RunState state(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode raw = SampleEvents.load("start-postgres.json");
        ((ObjectNode) raw.get("source")).put("instanceId", "orders-primary");
        ((ObjectNode) raw.get("replica")).put("instanceId", "orders-replica");
        change.accept(raw);
        return RunState.started("run-42", StartInputParser.parse(raw));
    }

    private Map<String, String> promoteRequest(RunState state) {
        aws.reply(200, XML, "rds/describe-db-instances-replica.xml")
                .reply(200, XML, "rds/describe-db-instances-primary.xml")
                .reply(200, XML, "rds/promote-read-replica.xml");
        new ReplicaPromotion(new RdsInstances(client), new FakeRunStore(), Clock.systemUTC()).promoteReplica(state);
        return aws.requests().stream().map(StubAws.Request::form)
                .filter(f -> "PromoteReadReplica".equals(f.get("Action"))).findFirst().orElseThrow();
    }

    @Test
    void thePromotedReplicaKeepsTheSourcesBackupRetention() {
        Map<String, String> form = promoteRequest(state(r -> { }));
        assertEquals("orders-replica", form.get("DBInstanceIdentifier"));
        assertEquals("7", form.get("BackupRetentionPeriod"), "the source keeps 7 days: " + form);
    }

    @Test
    void theInputsRetentionWins() {
        Map<String, String> form = promoteRequest(state(r -> ((ObjectNode) r.get("replica")).put("backupRetentionPeriod", 14)));
        assertEquals("14", form.get("BackupRetentionPeriod"), form.toString());
    }
}
