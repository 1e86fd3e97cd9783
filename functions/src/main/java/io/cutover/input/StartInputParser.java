package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;

import java.util.List;
import java.util.Objects;

/**
 * The promote-replica start input: its schema (docs/schemas/promote-replica.schema.json) checks
 * the structure; this adds the rule a schema cannot state and builds the record. Every bad field
 * is named at once; nothing is touched before this passes.
 */
public final class StartInputParser {

    private StartInputParser() {
    }

    /** @throws InvalidInput naming every bad field */
    public static PromoteReplicaInput parse(JsonNode raw) {
        JsonNode in = Objects.requireNonNullElse(raw, MissingNode.getInstance());
        FieldProblems problems = FieldProblems.check(InputSchema.PROMOTE_REPLICA, in);
        JsonNode source = in.path("source").path("instanceId");
        JsonNode replica = in.path("replica").path("instanceId");
        if (source.isTextual() && source.textValue().equalsIgnoreCase(replica.asText(null))) {
            problems.add("replica.instanceId", "is the same instance as source.instanceId (" + FieldProblems.quote(source) + ")");
        }
        // Once the structure is right: every task setting in the section DMS reads it from.
        if (problems.isEmpty()) FieldProblems.taskSettingsLayout(in.path("dms").get("taskSettings"), problems);
        problems.throwIfAny();
        return build(in);
    }

    /** Reads a document the schema has passed; the defaults are the schema's "default"s (a test checks). */
    private static PromoteReplicaInput build(JsonNode in) {
        JsonNode dms = in.get("dms");
        return new PromoteReplicaInput(
                Engine.parse(in.get("engine").textValue()),
                database(in.get("source")),
                database(in.get("replica")),
                new DmsSettings(dms.get("replicationInstanceArn").textValue(), dms.path("sourceEndpointArn").textValue(),
                        dms.get("secretsAccessRoleArn").textValue(), dms.get("tableMappings"), dms.get("taskSettings"),
                        dms.path("postgresPlugin").asText("test_decoding"),
                        dms.path("secretsManagerEndpointOverride").textValue(),
                        dms.path("keepSlotOnRollback").asBoolean(false)),
                StartPayload.applications(in),
                InputSchema.PROMOTE_REPLICA.withDefaults(in, "limits", Limits.class),
                in.path("freezeApplications").asBoolean(true));
    }

    private static DatabaseRef database(JsonNode node) {
        JsonNode retention = node.get("backupRetentionPeriod");
        return new DatabaseRef(node.get("instanceId").textValue(), node.get("database").textValue(),
                node.get("secretArn").textValue(), retention == null ? null : retention.intValue());
    }
}
