package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.instance.Engine;

import java.util.List;

/**
 * The validated start input of a full-load-and-CDC migration (docs/schemas/migrate.schema.json).
 *
 * @param tableMappings  DMS table mappings as given (parsed and checked by the validation)
 * @param taskSettings   DMS task settings merged over the defaults; null for none
 * @param afterCutover   what happens to the task once writes land on the target
 * @param settingsTemplate the task settings template the database task starts from (postgres, oracle-to-aurora)
 * @param s3Target       the S3 copy beside the database (null: none)
 * @param engine         the target's engine
 * @param sourceEngine   the source's engine (oracle: an Oracle source converted with AWS SCT)
 * @param archivelogRetentionHours Oracle source: the archived-log retention preflight requires
 * @param replicationRoleRoute how the target gets session_replication_role = replica for the load
 * @param twoWayDoor     afterCutover twoWayDoor: the backward task's pieces (null otherwise)
 */
public record MigrateInput(
        Engine engine,
        MigrationDatabase source,
        MigrationDatabase target,
        String replicationInstanceArn,
        String taskIdentifier,
        JsonNode tableMappings,
        JsonNode taskSettings,
        String targetTablePrepMode,
        int lobMaxSizeKb,
        List<String> applications,
        boolean allowTablesWithoutPrimaryKey,
        boolean holdBackConstraints,
        long sequenceBuffer,
        String sentinelSchema,
        String sentinelTable,
        boolean snapshotSource,
        AfterCutover afterCutover,
        Validation validation,
        MigrationLimits limits,
        String settingsTemplate,
        S3Target s3Target,
        Engine sourceEngine,
        long archivelogRetentionHours,
        ReplicationRoleRoute replicationRoleRoute,
        TwoWayDoor twoWayDoor) {

    public MigrateInput {
        applications = List.copyOf(applications);
    }

    /** Where session_replication_role = replica is set on the target for the load. */
    public enum ReplicationRoleRoute {
        /** ALTER ROLE applyUser IN DATABASE ... SET (no reboot; the apply user's sessions only). */
        ROLE,
        /** The target's DB (cluster) parameter group: every session of the target, with the reboot it needs. */
        PARAMETER_GROUP
    }

    public enum AfterCutover {
        /** Stop the task once writes land on the target. */
        STOP_TASK,
        /** Leave it running for the switchover runbook's two-way door (failback). */
        TWO_WAY_DOOR
    }

    /**
     * The backward task target -> source of the two-way door (the switchover runbook's B_TO_A task),
     * named as the switchover input's sites: SITEA is the source, SITEB the target.
     *
     * @param targetSourceEndpointArn DMS source endpoint reading the target (its SlotName: targetSlotName)
     * @param sourceTargetEndpointArn DMS target endpoint writing to the source
     * @param targetSlotName          the slot on the target the run creates for the backward task
     * @param sourceSlotName          the SlotName of the migration's source endpoint (the failback input's SITEA slot)
     * @param heartbeatTable          optional: the heartbeat application's table (the backward flow check waits for a heartbeat too)
     */
    public record TwoWayDoor(String backwardTaskIdentifier, String targetSourceEndpointArn, String sourceTargetEndpointArn,
                             String targetSlotName, String sourceSlotName, String postgresPlugin, String heartbeatTable) {
    }

    /**
     * The S3 copy: its endpoint as it will be created, and its task's settings (the s3 template
     * with the input's merge patch, already checked). Its steps never roll the database back.
     */
    public record S3Target(io.cutover.replication.S3EndpointSpec endpoint, JsonNode taskSettings) {
        /** The S3 task: named as its endpoint (the database task's identifier with "-s3"). */
        public String taskIdentifier() {
            return endpoint.identifier();
        }
    }

    /**
     * The product's own validation: queries per side at once, keys listed per differing table, and
     * the zone a timestamp without zone is read in against one with a zone (null: such columns are not compared).
     */
    public record Validation(int concurrency, int maxKeysListed, String timeZoneRule) {
    }

    /** The table mappings as a plain tree (maps, lists, strings, numbers) for the mapping parser. */
    public Object tableMappingTree() {
        return io.cutover.json.Json.mapper().convertValue(tableMappings, Object.class);
    }

    /** One migration into a target at a time. */
    public String lockId() {
        return "target:" + target.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + target.id();
    }
}
