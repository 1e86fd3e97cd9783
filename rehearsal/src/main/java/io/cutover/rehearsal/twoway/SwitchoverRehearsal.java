package io.cutover.rehearsal.twoway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.Direction;
import io.cutover.json.Json;
import io.cutover.rehearsal.StatePrinter;
import io.cutover.rehearsal.DeployedMachine;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.rehearsal.local.StepInvocation;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.replication.EndpointSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Switchovers and failbacks on this machine: the real {@code statemachines/switchover.asl.json}
 * in the local engine, the real step handlers, two real PostgreSQL servers replicating both ways.
 */
public final class SwitchoverRehearsal {
    static final Path DEFINITION = Path.of("statemachines", "switchover.asl.json");

    private final LocalCloud cloud;
    private final PrintStream out;
    private final DeployedMachine machine;
    private volatile Path reportDirectory;

    public SwitchoverRehearsal(LocalCloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
        this.machine = DeployedMachine.deploy(cloud, DEFINITION);
    }

    /** One run, to its end. @param failAt Task state to inject a fault at, or null */
    public ExecutionResult run(TwoWaySites sites, Direction direction, String runId, String failAt, boolean verbose)
            throws Exception {
        return run(runId, input(sites, direction), failAt, verbose ? new StatePrinter(runId, out) : ExecutionListener.NONE);
    }

    public ExecutionResult run(String runId, ObjectNode input, String failAt, ExecutionListener listener) throws Exception {
        cloud.faults(failAt == null ? StepInvocation.FaultPlan.NONE : StepInvocation.FaultPlan.atState(failAt));
        try {
            ExecutionRequest request = machine.request()
                    .input(input)
                    .executionName(runId)
                    .timeScale(0.25)
                    .build();
            ExecutionResult result = cloud.stepFunctions().start(request, listener).await(Duration.ofMinutes(5));
            writeReport(runId, result);
            return result;
        } finally {
            cloud.faults(StepInvocation.FaultPlan.NONE);
        }
    }

    /** Each run's report page goes to {@code <directory>/<runId>/report.html} (its path is printed). */
    public SwitchoverRehearsal writeReportsTo(Path directory) {
        this.reportDirectory = directory;
        return this;
    }

    private void writeReport(String runId, ExecutionResult result) {
        io.cutover.rehearsal.RunPages.write(cloud, machine.definition(), "switchover", runId, result, reportDirectory, out);
    }

    /** The start input a DBA would write for these sites (see events/start-switchover.json). */
    public ObjectNode input(TwoWaySites sites, Direction direction) {
        ObjectNode in = Json.mapper().createObjectNode();
        in.put("runbook", "switchover").put("engine", "postgres").put("direction", direction.name());
        ObjectNode siteNodes = in.putObject("sites");
        for (String site : new String[]{Direction.SITE_A, Direction.SITE_B}) {
            PgServer s = sites.server(site);
            siteNodes.putObject(site).put("host", s.host()).put("port", s.port()).put("database", s.database())
                    .put("schema", TwoWaySites.SCHEMA).put("secretArn", sites.secretArn(site))
                    .put("sourceEndpointArn", sites.endpoint(site, EndpointSpec.EndpointType.SOURCE))
                    .put("targetEndpointArn", sites.endpoint(site, EndpointSpec.EndpointType.TARGET))
                    .put("slotName", sites.slotName(site));
        }
        ObjectNode dms = in.putObject("dms").put("replicationInstanceArn", LocalReplication.INSTANCE_ARN)
                .put("postgresPlugin", TwoWaySites.PLUGIN);
        dms.putObject("taskIdentifiers").put("A_TO_B", sites.taskIdentifier(Direction.A_TO_B))
                .put("B_TO_A", sites.taskIdentifier(Direction.B_TO_A));
        var apps = in.putArray("applications");
        sites.applications.forEach(apps::add);
        in.put("sequenceBuffer", 1000).put("sentinelTable", TwoWaySites.SENTINEL_TABLE).put("heartbeatTable", "heartbeat");
        in.putObject("limits").put("maxLatencySeconds", 10).put("latencyWaitSeconds", 60).put("pollIntervalSeconds", 1)
                .put("drainWaitSeconds", 60).put("taskStartTimeoutSeconds", 60).put("verifyWaitSeconds", 60);
        return in;
    }

    /** The run lock of these sites (one run per pair), as the input parser derives it. */
    public String lockId(TwoWaySites sites) {
        return io.cutover.input.SwitchoverInputParser.parse(input(sites, Direction.A_TO_B)).lockId();
    }
}
