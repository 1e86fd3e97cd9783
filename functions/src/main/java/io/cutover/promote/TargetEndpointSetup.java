package io.cutover.promote;

import io.cutover.failure.StepFailed;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.Replication;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates (once) the DMS target endpoint to the replica's address (RDS keeps it through the
 * promotion) and tests it, together with the run's own source endpoint when the run made one: DMS
 * starts a task only when its endpoints tested successful.
 */
public record TargetEndpointSetup(Replication replication, RunStore runs, Clock clock) {

    public RunState.Target createTargetEndpoint(RunState state) {
        String id = ResourceNames.targetEndpointId(state.runId());
        Optional<EndpointDescription> existing = replication.findEndpointByIdentifier(id);
        String arn;
        boolean created = existing.isEmpty();
        if (existing.isPresent()) {
            arn = existing.get().arn();
        } else {
            arn = replication.createEndpoint(new EndpointSpec(id, EndpointSpec.EndpointType.TARGET, state.engine(),
                    state.instances().replica().host(), state.instances().replica().port(),
                    state.input().replica().database(), state.input().replica().secretArn(),
                    state.input().dms().secretsAccessRoleArn(), state.runId(),
                    state.input().dms().secretsManagerEndpointOverride()));
        }
        runs.recordResource(state.runId(), "targetEndpointArn", arn);
        return new RunState.Target(arn, id, created);
    }

    /** Starts a connection test of each endpoint the run made, unless one is running or already succeeded. */
    public RunState.ConnectionCheck testTargetConnection(RunState state) {
        String instance = state.input().dms().replicationInstanceArn();
        String status = "testing";
        for (String endpoint : testedEndpoints(state)) {
            Optional<ConnectionStatus> current = replication.connectionStatus(instance, endpoint);
            if (current.isPresent() && (current.get().isSuccessful() || current.get().isTesting())) {
                status = current.get().status();
            } else {
                replication.testConnection(instance, endpoint);
                status = "testing";
            }
        }
        return new RunState.ConnectionCheck(status, null, 0, clock.instant());
    }

    /** Polled until every test is successful; a failed one ends the run with DMS's message. */
    public RunState.ConnectionCheck checkTargetConnection(RunState state) {
        String instance = state.input().dms().replicationInstanceArn();
        Instant started = state.connection() == null ? clock.instant() : state.connection().startedAt();
        int checks = state.connection() == null ? 1 : state.connection().checks() + 1;
        long waited = Duration.between(started, clock.instant()).toSeconds();
        ConnectionStatus pending = null;
        for (String endpoint : testedEndpoints(state)) {
            ConnectionStatus status = replication.connectionStatus(instance, endpoint).orElse(new ConnectionStatus("testing", null));
            String name = endpoint.equals(state.target().endpointArn()) ? "target endpoint " + state.target().endpointIdentifier()
                    : "source endpoint " + state.sourceEndpoint().endpointIdentifier();
            if (status.isFailed()) {
                throw new StepFailed("DMS connection test from the replication instance to " + name + " failed: "
                        + status.message());
            }
            if (!status.isSuccessful()) {
                if (waited >= state.input().limits().connectionTestTimeoutSeconds()) {
                    throw new StepFailed("DMS connection test to " + name + " still " + status.status() + " after " + waited + " s");
                }
                pending = status;
            }
        }
        ConnectionStatus shown = pending != null ? pending : new ConnectionStatus("successful", null);
        return new RunState.ConnectionCheck(shown.status(), shown.message(), checks, started);
    }

    /** The target, and the source endpoint when this run created it. */
    private static List<String> testedEndpoints(RunState state) {
        List<String> endpoints = new ArrayList<>();
        if (state.sourceEndpoint() != null && state.sourceEndpoint().runOwned()) endpoints.add(state.sourceEndpoint().endpointArn());
        endpoints.add(state.target().endpointArn());
        return endpoints;
    }
}
