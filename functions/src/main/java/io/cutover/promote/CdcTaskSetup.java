package io.cutover.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.replication.CdcTaskSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates (once) the CDC-only task at the captured position, starts it (once), checks it runs. */
public final class CdcTaskSetup {
    static final String START_REQUESTED = "cdcTaskStartRequestedAt";
    private static final Map<Engine, List<String>> SYSTEM_SCHEMAS = Map.of(
            Engine.POSTGRES, List.of("pg_catalog", "information_schema", "pg_toast"),
            Engine.ORACLE, List.of("SYS", "SYSTEM", "RDSADMIN", "OUTLN", "DBSNMP", "XDB", "CTXSYS", "MDSYS", "AUDSYS"));

    private final Replication replication;
    private final RunStore runs;
    private final Clock clock;

    public CdcTaskSetup(Replication replication, RunStore runs, Clock clock) {
        this.replication = replication;
        this.runs = runs;
        this.clock = clock;
    }

    public RunState.CdcTask create(RunState state) {
        String id = ResourceNames.cdcTaskId(state.runId());
        String position = state.position().value();
        Optional<TaskDescription> existing = replication.findTaskByIdentifier(id);
        TaskDescription task = existing.orElseGet(() -> replication.createTask(new TaskSpec(id,
                state.input().dms().replicationInstanceArn(), state.input().dms().sourceEndpointArn(),
                state.target().endpointArn(), "cdc", tableMappings(state), taskSettings(state), position,
                state.runId())));
        runs.recordResource(state.runId(), "cdcTaskArn", task.arn());
        return new RunState.CdcTask(task.arn(), id, position, task.status(), existing.isEmpty());
    }

    /** StartReplicationTask (start-replication) once; the state machine retries while the task is creating. */
    public RunState.CdcTask start(RunState state) {
        TaskDescription task = describe(state);
        boolean requested = runs.run(state.runId()).map(RunRecord::resources)
                .map(r -> r.containsKey(START_REQUESTED)).orElse(false);
        if (task.isFailed()) {
            throw new StepFailed("CDC task " + task.identifier() + " failed: " + task.lastFailureMessage());
        }
        if (task.isStartable() && !requested) {
            runs.recordResource(state.runId(), START_REQUESTED, clock.instant().toString());
            replication.startTask(task.arn(), state.task().startPosition());
            return with(state, "starting");
        }
        if (task.isStartable()) {
            // start-replication works only once: a stopped task after our start is a failure, not a retry.
            throw new StepFailed("CDC task " + task.identifier() + " is " + task.status() + " after it was started"
                    + (task.stopReason() == null ? "" : " (" + task.stopReason() + ")"));
        }
        if ("creating".equals(task.status()) || "modifying".equals(task.status())) {
            throw new NotReadyYet("CDC task " + task.identifier() + " is " + task.status());
        }
        return with(state, task.status());
    }

    /** Poll fallback: running, failed, or still on its way within the limit. */
    public RunState.CdcTask check(RunState state) {
        TaskDescription task = describe(state);
        if (task.isFailed() || "stopped".equals(task.status())) {
            throw new StepFailed("CDC task " + task.identifier() + " is " + task.status() + ": "
                    + (task.lastFailureMessage() != null ? task.lastFailureMessage() : task.stopReason()));
        }
        String started = runs.run(state.runId()).map(RunRecord::resources).map(r -> r.get(START_REQUESTED)).orElse(null);
        long waited = started == null ? 0 : Duration.between(Instant.parse(started), clock.instant()).toSeconds();
        if (!task.isRunning() && waited >= state.input().limits().taskStartTimeoutSeconds()) {
            throw new StepFailed("CDC task " + task.identifier() + " still " + task.status() + " after " + waited + " s");
        }
        return with(state, task.status());
    }

    private RunState.CdcTask with(RunState state, String status) {
        RunState.CdcTask t = state.task();
        return new RunState.CdcTask(t.taskArn(), t.taskIdentifier(), t.startPosition(), status, t.created());
    }

    private TaskDescription describe(RunState state) {
        return replication.describeTask(state.task().taskArn())
                .orElseThrow(() -> new StepFailed("CDC task " + state.task().taskArn() + " does not exist"));
    }

    /** Default: every table of every non-system schema. */
    static String tableMappings(RunState state) {
        JsonNode given = state.input().dms().tableMappings();
        if (given != null) return given.toString();
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode rules = root.putArray("rules");
        int id = 1;
        rules.add(rule(id++, "include-all", "%", "include"));
        for (String schema : SYSTEM_SCHEMAS.get(state.engine())) {
            rules.add(rule(id++, "exclude-" + schema.toLowerCase(), schema, "exclude"));
        }
        return root.toString();
    }

    private static ObjectNode rule(int id, String name, String schema, String action) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("rule-type", "selection");
        r.put("rule-id", String.valueOf(id));
        r.put("rule-name", name);
        r.putObject("object-locator").put("schema-name", schema).put("table-name", "%");
        r.put("rule-action", action);
        return r;
    }

    static String taskSettings(RunState state) {
        return CdcTaskSettings.withOverrides(state.input().dms().taskSettings()).toString();
    }
}
