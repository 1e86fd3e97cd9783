package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The DMS side of a run.
 *
 * @param sourceEndpointArn    existing endpoint for the source (tested before the run)
 * @param secretsAccessRoleArn role DMS assumes to read the target's secret
 * @param tableMappings        DMS table mappings; default: every table of every user schema
 * @param taskSettings         extra DMS task settings merged over the defaults
 * @param postgresPlugin       logical decoding plugin of the slot DMS reads (PostgreSQL)
 * @param secretsManagerEndpointOverride DNS name of the Secrets Manager VPC endpoint the replication
 *                             instance uses (private subnets); set on the endpoints the run creates
 * @param keepSlotOnRollback   PostgreSQL: a rollback keeps the run's slot and publication even when no
 *                             task reads them (by default it drops them: an unread slot retains WAL)
 */
public record DmsSettings(
        String replicationInstanceArn,
        String sourceEndpointArn,
        String secretsAccessRoleArn,
        JsonNode tableMappings,
        JsonNode taskSettings,
        String postgresPlugin,
        String secretsManagerEndpointOverride,
        boolean keepSlotOnRollback) {

    public DmsSettings(String replicationInstanceArn, String sourceEndpointArn, String secretsAccessRoleArn,
                       JsonNode tableMappings, JsonNode taskSettings, String postgresPlugin) {
        this(replicationInstanceArn, sourceEndpointArn, secretsAccessRoleArn, tableMappings, taskSettings, postgresPlugin,
                null, false);
    }

    /** Through the execution state an absent object comes back as JSON null: it means "not given". */
    public DmsSettings {
        tableMappings = tableMappings == null || tableMappings.isNull() || tableMappings.isMissingNode() ? null : tableMappings;
        taskSettings = taskSettings == null || taskSettings.isNull() || taskSettings.isMissingNode() ? null : taskSettings;
    }
}
