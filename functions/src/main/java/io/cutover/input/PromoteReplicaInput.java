package io.cutover.input;

import io.cutover.instance.Engine;

import java.util.List;

/**
 * The validated start input of a promote-replica run (schema: docs/start-input.schema.json).
 *
 * @param freezeApplications false only for PostgreSQL: CDC from the fork LSN is exact while
 *                           applications keep writing
 */
public record PromoteReplicaInput(
        Engine engine,
        DatabaseRef source,
        DatabaseRef replica,
        DmsSettings dms,
        List<String> applications,
        Limits limits,
        boolean freezeApplications) {

    public PromoteReplicaInput {
        applications = List.copyOf(applications);
    }
}
