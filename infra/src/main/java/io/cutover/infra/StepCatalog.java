package io.cutover.infra;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.cutover.infra.StepCatalog.Access.APPMAP_READ;
import static io.cutover.infra.StepCatalog.Access.APPMAP_WRITE;
import static io.cutover.infra.StepCatalog.Access.DATABASE_SECRETS;
import static io.cutover.infra.StepCatalog.Access.DMS_CREATE_ENDPOINT;
import static io.cutover.infra.StepCatalog.Access.DMS_CREATE_TASK;
import static io.cutover.infra.StepCatalog.Access.DMS_DESCRIBE_ENDPOINTS;
import static io.cutover.infra.StepCatalog.Access.DMS_DESCRIBE_INSTANCES;
import static io.cutover.infra.StepCatalog.Access.DMS_DESCRIBE_TASKS;
import static io.cutover.infra.StepCatalog.Access.DMS_START_TASK;
import static io.cutover.infra.StepCatalog.Access.DMS_TABLE_STATISTICS;
import static io.cutover.infra.StepCatalog.Access.DMS_TEST_CONNECTION;
import static io.cutover.infra.StepCatalog.Access.RDS_DESCRIBE;
import static io.cutover.infra.StepCatalog.Access.RDS_PROMOTE;
import static io.cutover.infra.StepCatalog.Access.RUNS;
import static io.cutover.infra.StepCatalog.Access.RUNS_READ;
import static io.cutover.infra.StepCatalog.Access.TASK_CALLBACKS;

/**
 * What each Lambda step needs: memory, timeout, whether it opens JDBC connections (VPC
 * placement), and exactly which AWS access. A step named in an ASL file but missing here fails
 * the synth: a new step gets no permissions by default, someone has to decide them.
 *
 * <p>Memory: Java gets CPU in proportion to memory; steps that only call AWS APIs are I/O bound.
 * Timeouts stay well under the ASL's TimeoutSeconds (300) so a stuck call fails in Lambda first,
 * with a clear error, and the state machine's Retry takes over.
 */
public final class StepCatalog {

    /** Kinds of access a step can be granted; {@link Permissions} turns each into scoped statements. */
    public enum Access {
        /** runs table: run item, step history, lock items, waiters. */
        RUNS,
        APPMAP_READ,
        APPMAP_WRITE,
        /** secretsmanager:GetSecretValue on the DatabaseSecretArns parameter (JDBC credentials). */
        DATABASE_SECRETS,
        RDS_DESCRIBE,
        /** rds:PromoteReadReplica, only on instances with the promotable tag. */
        RDS_PROMOTE,
        DMS_DESCRIBE_INSTANCES,
        DMS_DESCRIBE_ENDPOINTS,
        DMS_DESCRIBE_TASKS,
        /** dms:CreateEndpoint with the cutover:managed tag + iam:PassRole on the secrets-access role. */
        DMS_CREATE_ENDPOINT,
        DMS_TEST_CONNECTION,
        /** dms:CreateReplicationTask with the cutover:managed tag. */
        DMS_CREATE_TASK,
        /** dms:StartReplicationTask, only on tasks tagged cutover:managed=true. */
        DMS_START_TASK,
        /** states:SendTaskSuccess/SendTaskFailure on this stack's state machines. */
        TASK_CALLBACKS,
        /** runs table, read only: the run item and the lock holder (GetItem). */
        RUNS_READ,
        /** dms:DescribeTableStatistics on DMS tasks. */
        DMS_TABLE_STATISTICS
    }

    /**
     * @param jdbc true: opens JDBC connections to the databases, so runs in the VPC
     */
    public record StepProfile(String step, int memoryMb, int timeoutSeconds, boolean jdbc, Set<Access> access,
                              String purpose) {
        public StepProfile {
            access = access.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(access));
        }
    }

    /** The EventBridge target: not in any ASL file, always deployed. */
    public static final String RESOURCE_EVENT = "ResourceEvent";
    /** Appmap administration (load, list, show) for operators: not in any ASL file, always deployed. */
    public static final String APPMAP_ADMIN = "AppMapAdmin";
    /** The read-only status function operators invoke: not in any ASL file, always deployed. */
    public static final String STATUS = "Status";

    private static final Map<String, StepProfile> PROFILES = new LinkedHashMap<>();

    static {
        // Pure: parses the input, touches nothing.
        add("ValidateInput", 512, 15, false, Set.of(), "Validates the start input");
        // DynamoDB only.
        add("AcquireLock", 512, 30, false, Set.of(RUNS), "Takes the one-run-per-source lock");
        add("FreezeApplications", 512, 30, false, Set.of(RUNS, APPMAP_WRITE), "Sets applications FROZEN");
        add("ThawApplications", 512, 30, false, Set.of(RUNS, APPMAP_WRITE), "Sets applications OPEN");
        add("CompleteRun", 512, 30, false, Set.of(RUNS), "Marks the run SUCCEEDED, releases the lock");
        add("Rollback", 512, 60, false, Set.of(RUNS, APPMAP_WRITE), "Thaws, releases the lock, records the cause");
        // JDBC to the databases (VPC), plus AWS describes.
        add("Preflight", 1024, 120, true, Set.of(RUNS, APPMAP_READ, DATABASE_SECRETS, RDS_DESCRIBE,
                DMS_DESCRIBE_INSTANCES, DMS_DESCRIBE_ENDPOINTS), "Checks instances, DMS and CDC readiness");
        add("CheckLag", 1024, 90, true, Set.of(RUNS, DATABASE_SECRETS), "Measures replica lag");
        add("CheckReplicaSync", 1024, 90, true, Set.of(RUNS, DATABASE_SECRETS), "Compares source and replica positions");
        add("CapturePosition", 1024, 120, true, Set.of(RUNS, DATABASE_SECRETS), "Captures SCN / creates slot and publication");
        add("ResolveStartPosition", 1024, 90, true, Set.of(RUNS, DATABASE_SECRETS), "Reads the fork LSN or captured SCN");
        // AWS APIs only.
        add("PromoteReplica", 1024, 60, false, Set.of(RUNS, RDS_DESCRIBE, RDS_PROMOTE), "PromoteReadReplica, once");
        add("CheckPromotion", 1024, 60, false, Set.of(RUNS, RDS_DESCRIBE), "Describes the promoted replica");
        add("AwaitResource", 1024, 60, false, Set.of(RUNS, RDS_DESCRIBE, DMS_DESCRIBE_TASKS, TASK_CALLBACKS),
                "Stores the task token; completes it if the resource is already there");
        add("CreateTargetEndpoint", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_ENDPOINTS, DMS_CREATE_ENDPOINT),
                "Creates the tagged DMS target endpoint");
        add("TestTargetConnection", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_ENDPOINTS, DMS_TEST_CONNECTION),
                "Starts the DMS connection test");
        add("CheckTargetConnection", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_ENDPOINTS), "Reads the connection test");
        add("CreateCdcTask", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_TASKS, DMS_CREATE_TASK),
                "Creates the tagged CDC task");
        add("StartCdcTask", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_TASKS, DMS_START_TASK), "Starts the CDC task");
        add("CheckCdcTask", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_TASKS), "Describes the CDC task");
        // switchover / failback (statemachines/switchover.asl.json)
        add("SwitchoverValidateInput", 512, 15, false, Set.of(), "Validates the switchover start input");
        add("SwitchoverAcquireLock", 512, 30, false, Set.of(RUNS), "Takes the one-run-per-pair lock");
        add("SwitchoverPreflight", 1024, 120, true, Set.of(RUNS, APPMAP_READ, DATABASE_SECRETS, DMS_DESCRIBE_INSTANCES,
                DMS_DESCRIBE_ENDPOINTS, DMS_DESCRIBE_TASKS), "Checks tasks, endpoints, both sites and the appmap");
        // Waits up to limits.maxLatencySeconds (at most 60) for its sentinel inside the call.
        add("CheckForwardLatency", 1024, 90, true, Set.of(RUNS, DATABASE_SECRETS), "Measures forward CDC latency with a sentinel");
        add("FreezeForSwitchover", 512, 30, false, Set.of(RUNS, APPMAP_WRITE), "Sets applications FROZEN");
        add("Drain", 1024, 60, true, Set.of(RUNS, DATABASE_SECRETS), "Waits for the drain sentinel on the to-site");
        add("SyncSequences", 1024, 120, true, Set.of(RUNS, DATABASE_SECRETS), "Sets to-site sequences past the from-site's");
        add("RestoreReplicationRole", 1024, 60, true, Set.of(RUNS, DATABASE_SECRETS),
                "Resets session_replication_role to origin on the to-site");
        add("CreateBackwardTask", 1024, 120, true, Set.of(RUNS, DATABASE_SECRETS, DMS_DESCRIBE_TASKS, DMS_CREATE_TASK),
                "Creates the slot and the tagged backward CDC task");
        add("StartBackwardTask", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_TASKS, DMS_START_TASK), "Starts the backward task");
        add("CheckBackwardTask", 1024, 60, false, Set.of(RUNS, DMS_DESCRIBE_TASKS), "Describes the backward task");
        add("RouteApplications", 512, 30, false, Set.of(RUNS, APPMAP_WRITE), "Points applications at the to-site");
        add("ThawAfterSwitchover", 512, 30, false, Set.of(RUNS, APPMAP_WRITE), "Sets applications OPEN on the to-site");
        add("VerifyBackwardFlow", 1024, 60, true, Set.of(RUNS, DATABASE_SECRETS), "Checks writes flow back to the from-site");
        add("CompleteSwitchover", 512, 30, false, Set.of(RUNS), "Marks the run SUCCEEDED, releases the lock");
        add("SwitchoverRollback", 1024, 120, true, Set.of(RUNS, APPMAP_WRITE, DATABASE_SECRETS),
                "Routes back, syncs sequences back if needed, thaws, releases the lock");
        add(APPMAP_ADMIN, 512, 60, false, Set.of(APPMAP_WRITE), "Loads, lists and shows appmap entries (operators)");
        add(RESOURCE_EVENT, 1024, 60, false, Set.of(RUNS, RDS_DESCRIBE, DMS_DESCRIBE_TASKS, TASK_CALLBACKS),
                "EventBridge target: wakes waiters on RDS/DMS events");
        // Read-only, JDBC to both databases (VPC); sections have 20 s deadlines in three rounds.
        add(STATUS, 1024, 90, true, Set.of(RUNS_READ, APPMAP_READ, DATABASE_SECRETS, RDS_DESCRIBE, DMS_DESCRIBE_ENDPOINTS,
                DMS_DESCRIBE_TASKS, DMS_TABLE_STATISTICS), "Read-only status of a pair, its DMS tasks, run and applications");
    }

    private static void add(String step, int memoryMb, int timeoutSeconds, boolean jdbc, Set<Access> access,
                            String purpose) {
        PROFILES.put(step, new StepProfile(step, memoryMb, timeoutSeconds, jdbc, access, purpose));
    }

    private StepCatalog() {
    }

    public static Optional<StepProfile> find(String step) {
        return Optional.ofNullable(PROFILES.get(step));
    }

    public static StepProfile require(String step, String usedBy) {
        return find(step).orElseThrow(() -> new IllegalStateException("Step '" + step + "' (placeholder ${"
                + AslDefinition.placeholderOf(step) + "} in " + usedBy + ") has no entry in "
                + StepCatalog.class.getName() + ": add its memory, timeout, VPC need and permissions there"));
    }

    /** Steps that open JDBC connections and therefore run in the VPC. */
    public static List<String> jdbcSteps() {
        return PROFILES.values().stream().filter(StepProfile::jdbc).map(StepProfile::step).toList();
    }

    public static List<StepProfile> all() {
        return List.copyOf(PROFILES.values());
    }
}
