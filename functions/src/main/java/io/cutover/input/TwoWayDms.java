package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The DMS side of a two-way pair.
 *
 * @param taskIdentifiers the replication task of each direction, by identifier. The task of the
 *                        run's direction must exist and run (forward); the other one (backward) is
 *                        created by the run when it does not exist yet.
 * @param tableMappings   DMS table mappings of a created backward task; default: every table of the schema
 * @param taskSettings    extra DMS task settings merged over the defaults of a created backward task
 * @param postgresPlugin  logical decoding plugin of the backward task's slot (PostgreSQL)
 */
public record TwoWayDms(
        String replicationInstanceArn,
        Map<Direction, String> taskIdentifiers,
        JsonNode tableMappings,
        JsonNode taskSettings,
        String postgresPlugin) {

    public TwoWayDms {
        taskIdentifiers = Map.copyOf(taskIdentifiers);
        // A JSON null comes back from the execution state as a NullNode, not as null.
        tableMappings = tableMappings == null || tableMappings.isNull() ? null : tableMappings;
        taskSettings = taskSettings == null || taskSettings.isNull() ? null : taskSettings;
    }

    /**
     * A pair built by a runbook rather than read from an input (the migration's two-way door).
     *
     * @param tableMappingTree the backward task's table mappings as a plain tree (maps, lists, strings), or null
     */
    public static TwoWayDms of(String replicationInstanceArn, Map<Direction, String> taskIdentifiers, Object tableMappingTree,
                               String postgresPlugin) {
        return new TwoWayDms(replicationInstanceArn, taskIdentifiers,
                tableMappingTree == null ? null : io.cutover.json.Json.mapper().valueToTree(tableMappingTree), null,
                postgresPlugin);
    }
}
