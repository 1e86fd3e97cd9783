package io.cutover.switchover;

import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.Replication;

import java.util.Optional;

/**
 * The endpoints a backward task is created on, checked before anything is touched: DMS starts a
 * task only on endpoints that tested successful, and a PostgreSQL source endpoint must read the
 * slot the run creates (a slot DMS made itself at task start would begin later, and writes in
 * between would never come back). Messages name the input's fields, whichever runbook's they are.
 */
public record BackwardEndpoints(Replication replication) {

    /** The endpoint exists and tested successful from the replication instance. */
    public Optional<String> problem(String field, String endpointArn, String replicationInstanceArn) {
        if (replication.describeEndpoint(endpointArn).isEmpty()) {
            return Optional.of(field + " " + endpointArn + " does not exist");
        }
        Optional<ConnectionStatus> test = replication.connectionStatus(replicationInstanceArn, endpointArn);
        if (test.isEmpty() || !test.get().isSuccessful()) {
            return Optional.of(field + " has not tested successful from the replication instance ("
                    + test.map(t -> t.status() + (t.message() == null ? "" : ": " + t.message())).orElse("never tested")
                    + "); the backward task needs it - run TestConnection first");
        }
        return Optional.empty();
    }

    /** PostgreSQL: the source endpoint reads {@code slot} with {@code plugin}; the fix is the exact modify-endpoint command. */
    public Optional<String> slotProblem(String endpointField, String endpointArn, String slotField, String slot,
                                        String pluginField, String plugin) {
        if (replication.describeEndpoint(endpointArn).isEmpty()) return Optional.empty();
        return replication.postgresSlotSettings(endpointArn)
                .orElse(new PostgresSlotSettings(null, null))
                .mismatch(slot, plugin)
                .map(m -> endpointField + " must read slot " + slot + " (" + slotField + ") with " + pluginField + " " + plugin
                        + ": " + m + "; " + PostgresSlotSettings.modifyCommand(endpointArn, slot, plugin));
    }
}
