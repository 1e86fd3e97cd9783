package io.cutover.cleanup;

import io.cutover.instance.Engine;
import io.cutover.migrate.validation.Pause;
import io.cutover.probe.SlotUse;
import io.cutover.promote.ResourceNames;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * On the fakes, what a promote-replica run leaves: a running CDC task, the run's source and
 * target endpoints (tagged with its run id) and its logical slot on the source, all recorded in
 * the run item. Each pause of the clean-up is one poll; {@link #duringPause} is what DMS does meanwhile.
 */
public final class LeftRunning {
    public static final String RUN = "promote-42";
    public static final String SLOT = ResourceNames.slotName(RUN);

    public final FakeRunStore runs = new FakeRunStore();
    public final FakeReplication dms = new FakeReplication();
    public final FakeProbes probes = new FakeProbes();
    public final List<Duration> pauses = new ArrayList<>();
    public Runnable duringPause = () -> { };
    public final String source;
    public final String target;
    public final String task;

    public LeftRunning() {
        runs.createRun(new RunRecord(RUN, "promote-replica", "orders-prod", "orders-replica", "postgres", RunStatus.RUNNING,
                "CompleteRun", "0/3000060", Map.of(), List.of(), null, Instant.EPOCH, Instant.EPOCH));
        runs.finish(RUN, RunStatus.SUCCEEDED, null);
        source = dms.createEndpoint(endpoint(ResourceNames.sourceEndpointId(RUN), EndpointSpec.EndpointType.SOURCE));
        target = dms.createEndpoint(endpoint(ResourceNames.targetEndpointId(RUN), EndpointSpec.EndpointType.TARGET));
        dms.slotNames.put(source, SLOT);
        task = dms.createTask(new TaskSpec(ResourceNames.cdcTaskId(RUN), "arn:aws:dms:eu-west-1:123456789012:rep:RI", source,
                target, "cdc", "{\"rules\":[]}", "{}", null, RUN)).arn();
        dms.setTask(task, "running");
        runs.recordResource(RUN, "sourceEndpointArn", source);
        runs.recordResource(RUN, "targetEndpointArn", target);
        runs.recordResource(RUN, "cdcTaskArn", task);
        runs.recordResource(RUN, "logicalSlot", SLOT);
        runs.recordResource(RUN, "logicalSlotSource", "orders-prod.example:5432/orders");
        runs.recordResource(RUN, "logicalSlotSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-AbCdEf");
        probes.slotUse.put(SLOT, new SlotUse(true, null));
    }

    /** DMS as it behaves after StopReplicationTask and DeleteReplicationTask: stopped, then gone, one poll each. */
    public LeftRunning stopsAndGoes() {
        duringPause = () -> {
            var t = dms.tasks.get(task);
            if (t == null) return;
            if ("stopping".equals(t.status())) dms.setTask(task, "stopped");
            else if ("deleting".equals(t.status())) {
                dms.finishDeleting(task);
                probes.slotUse.put(SLOT, new SlotUse(true, null));
            }
        };
        return this;
    }

    public RunCleanup cleanup() {
        Pause pause = d -> {
            pauses.add(d);
            duringPause.run();
        };
        return new RunCleanup(runs, dms, probes, pause);
    }

    private static EndpointSpec endpoint(String id, EndpointSpec.EndpointType type) {
        return new EndpointSpec(id, type, Engine.POSTGRES, "db.example", 5432, "orders",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-AbCdEf", "arn:aws:iam::123456789012:role/dms", RUN, null);
    }
}
