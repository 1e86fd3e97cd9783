package io.cutover.migrate.run;

import io.cutover.input.Direction;
import io.cutover.input.MigrateInput;
import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.input.SwitchoverLimits;
import io.cutover.input.TwoWayDms;
import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.BackwardTableMappings;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SiteDatabases;
import io.cutover.switchover.SwitchoverState;
import io.cutover.switchover.VerifyBackwardFlow;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * afterCutover twoWayDoor: the migration hands over to the switchover runbook. The migration is
 * that runbook's A_TO_B (SITEA = source, SITEB = target; the migration task is its forward task),
 * so the backward task target -> source is set up by the switchover's own steps
 * ({@link BackwardTaskSetup}, {@link VerifyBackwardFlow}) over the pair this migration describes:
 * created before the freeze (the slot on the target first), started inside it after the drain and
 * before the routing, its flow verified after the thaw. The failback is then the switchover
 * runbook with direction B_TO_A over {@link #failbackInput}.
 *
 * @param catalog the source's tables, which the backward task's mappings mirror
 */
public record TwoWayDoorHandover(BackwardTaskSetup backward, VerifyBackwardFlow verify, MigrationCatalog catalog) {
    /** Wired from the migration's ports as the switchover's handlers wire the same pieces. */
    public static TwoWayDoorHandover of(MigrationPorts ports) {
        return new TwoWayDoorHandover(new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                        ports.core().clock()),
                new VerifyBackwardFlow(ports.sites(), ports.core().clock()), ports.catalog());
    }

    /**
     * Before the freeze: the target's slot, then the CDC-only backward task without a position,
     * its table mappings the migration's mirrored (read from the source's tables once, on the call
     * that creates it; a mirror that is no longer exact - DDL since the preflight - fails the step).
     */
    public MigrationState.TwoWayDoor createTask(MigrationState state) {
        Map<String, Object> mappings = null;
        if (doorTask(state) == null) {
            MigrateInput in = state.input();
            BackwardTableMappings.Mirror mirror = backwardMappings(in,
                    TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings"),
                    catalog.tables(state.sourceConnection()).stream().map(TableDefinition::name).toList());
            if (!mirror.exact()) {
                throw new StepFailed("the backward task's table mappings cannot mirror the migration's: "
                        + String.join("; ", mirror.problems()));
            }
            mappings = mirror.document();
        }
        return with(state, backward.createBackwardTask(asSwitchover(state, doorTask(state), mappings)), null);
    }

    /**
     * The backward task's table mappings: the migration's mirrored over the source's tables, plus
     * the tables the runbooks write on the target and read on the source (the sentinel, the heartbeat).
     */
    public static BackwardTableMappings.Mirror backwardMappings(MigrateInput in, TableMapping forward, List<TableName> sourceTables) {
        List<TableName> own = new java.util.ArrayList<>();
        own.add(TableName.of(in.sentinelSchema(), in.sentinelTable()));
        if (in.twoWayDoor() != null && in.twoWayDoor().heartbeatTable() != null) {
            own.add(TableName.of(in.sentinelSchema(), in.twoWayDoor().heartbeatTable()));
        }
        return BackwardTableMappings.mirror(forward, sourceTables, own);
    }

    /**
     * Inside the freeze, after the drain and before the routing: a task not started yet starts from
     * the target's position now; once started, the same step polls it until running
     * (limits.taskStartTimeoutSeconds) - one state for both, as the stack has no room for another
     * function (CloudFormation's 500 resources).
     */
    public MigrationState.TwoWayDoor startTask(MigrationState state) {
        SwitchoverState.BackwardTask task = state.twoWayDoor().task();
        boolean startable = task.position() == null && !"running".equals(task.status()) && !"starting".equals(task.status());
        SwitchoverState view = asSwitchover(state);
        if (!startable) return with(state, backward.checkBackwardTask(view), null);
        SwitchoverState.BackwardTask started = backward.startBackwardTask(view);
        if ("running".equals(started.status())) return with(state, started, null);
        // Asked again within this call, as the switchover does: a whole poll interval's Wait inside the
        // freeze only for a task slower than that.
        return with(state, backward.checkBackwardTask(asSwitchover(state, started, null)), null);
    }

    /** After the thaw: a sentinel (and a heartbeat, if named) written on the target reaches the source. */
    public MigrationState.TwoWayDoor verifyFlow(MigrationState state) {
        return with(state, state.twoWayDoor().task(), verify.verify(asSwitchover(state)));
    }

    private static MigrationState.TwoWayDoor with(MigrationState state, SwitchoverState.BackwardTask task,
                                                  SwitchoverState.Verify verified) {
        return new MigrationState.TwoWayDoor(task, verified != null ? verified
                : state.twoWayDoor() == null ? null : state.twoWayDoor().verify());
    }

    /** The migration as the switchover runbook sees it: A_TO_B, its task the forward one. */
    static SwitchoverState asSwitchover(MigrationState state) {
        return asSwitchover(state, doorTask(state), null);
    }

    private static SwitchoverState.BackwardTask doorTask(MigrationState state) {
        return state.twoWayDoor() == null ? null : state.twoWayDoor().task();
    }

    /** @param backwardMappings the backward task's table mappings when it is to be created (else null: not used) */
    private static SwitchoverState asSwitchover(MigrationState state, SwitchoverState.BackwardTask task,
                                                Map<String, Object> backwardMappings) {
        MigrationState.TwoWayDoor door = state.twoWayDoor();
        SwitchoverState.Preflight preflight = state.task() == null ? null
                : new SwitchoverState.Preflight(state.task().taskArn(), null, null, List.of());
        return new SwitchoverState(state.runId(), pair(state, Direction.A_TO_B, backwardMappings), state.run(), preflight, null,
                state.freeze(),
                null, null, null, task, state.routing(), state.thaw(),
                door == null ? null : door.verify(), null, state.error(), null);
    }

    /**
     * The switchover input of this pair: the sites where the migration found the databases, the
     * migration task as A_TO_B, the backward task as B_TO_A (the schema is sentinelSchema on both
     * sites, as the loopback settings say). The table mappings are those of the direction's backward
     * task, used only should the run create it: B_TO_A's (the failback's) are the migration's own.
     *
     * @param backwardMappings A_TO_B: the mirror the backward task is created with (null: not creating it)
     */
    public static SwitchoverInput pair(MigrationState state, Direction direction, Map<String, Object> backwardMappings) {
        MigrateInput in = state.input();
        MigrateInput.TwoWayDoor door = in.twoWayDoor();
        if (door == null) throw new IllegalStateException("afterCutover is not twoWayDoor: the run has no backward task");
        MigrationState.Endpoint a = state.databases().source();
        MigrationState.Endpoint b = state.databases().target();
        Map<String, SiteRef> sites = new LinkedHashMap<>();
        sites.put(Direction.SITE_A, new SiteRef(Direction.SITE_A, a.host(), a.port(), in.source().database(),
                in.sentinelSchema(), in.source().secretArn(), in.source().endpointArn(), door.sourceTargetEndpointArn(),
                door.sourceSlotName()));
        sites.put(Direction.SITE_B, new SiteRef(Direction.SITE_B, b.host(), b.port(), in.target().database(),
                in.sentinelSchema(), in.target().secretArn(), door.targetSourceEndpointArn(), in.target().endpointArn(),
                door.targetSlotName()));
        Map<Direction, String> tasks = new EnumMap<>(Direction.class);
        tasks.put(Direction.A_TO_B, in.taskIdentifier());
        tasks.put(Direction.B_TO_A, door.backwardTaskIdentifier());
        var l = in.limits();
        return new SwitchoverInput(Engine.POSTGRES, direction, sites,
                TwoWayDms.of(in.replicationInstanceArn(), tasks,
                        direction == Direction.B_TO_A ? in.tableMappingTree() : backwardMappings, door.postgresPlugin()),
                in.applications(), in.sequenceBuffer(), in.sentinelTable(), door.heartbeatTable(),
                new SwitchoverLimits(Math.min(60, l.maxCdcLatencySeconds()), l.latencyWaitSeconds(), l.pollIntervalSeconds(),
                        l.drainWaitSeconds(), l.taskStartTimeoutSeconds(), l.verifyWaitSeconds()));
    }

    /**
     * The switchover start input of the failback (B_TO_A), as docs/schemas/switchover.schema.json
     * has it: ready for {@code aws stepfunctions start-execution} on the switchover state machine.
     */
    public static Map<String, Object> failbackInput(MigrationState state) {
        SwitchoverInput in = pair(state, Direction.B_TO_A, null);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runbook", "switchover");
        doc.put("comment", "failback of migration run " + state.runId() + " (" + state.input().target().label() + " -> "
                + state.input().source().label() + ")");
        doc.put("engine", "postgres");
        doc.put("direction", in.direction().name());
        Map<String, Object> sites = new LinkedHashMap<>();
        for (SiteRef s : in.sites().values()) {
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("host", s.host());
            site.put("port", s.port());
            site.put("database", s.database());
            site.put("schema", s.schema());
            site.put("secretArn", s.secretArn());
            site.put("sourceEndpointArn", s.sourceEndpointArn());
            site.put("targetEndpointArn", s.targetEndpointArn());
            site.put("slotName", s.slotName());
            sites.put(s.name(), site);
        }
        doc.put("sites", sites);
        Map<String, Object> dms = new LinkedHashMap<>();
        dms.put("replicationInstanceArn", in.dms().replicationInstanceArn());
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (Direction d : Direction.values()) tasks.put(d.name(), in.dms().taskIdentifiers().get(d));
        dms.put("taskIdentifiers", tasks);
        dms.put("postgresPlugin", in.dms().postgresPlugin());
        // The failback's backward task is the migration task: should a switchover ever recreate it, with its mappings.
        Object forwardMappings = state.input().tableMappingTree();
        if (forwardMappings != null) dms.put("tableMappings", forwardMappings);
        doc.put("dms", dms);
        doc.put("applications", in.applications());
        doc.put("sequenceBuffer", in.sequenceBuffer());
        doc.put("sentinelTable", in.sentinelTable());
        if (in.heartbeatTable() != null) doc.put("heartbeatTable", in.heartbeatTable());
        SwitchoverLimits l = in.limits();
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxLatencySeconds", l.maxLatencySeconds());
        limits.put("latencyWaitSeconds", l.latencyWaitSeconds());
        limits.put("pollIntervalSeconds", l.pollIntervalSeconds());
        limits.put("drainWaitSeconds", l.drainWaitSeconds());
        limits.put("taskStartTimeoutSeconds", l.taskStartTimeoutSeconds());
        limits.put("verifyWaitSeconds", l.verifyWaitSeconds());
        doc.put("limits", limits);
        return doc;
    }
}
