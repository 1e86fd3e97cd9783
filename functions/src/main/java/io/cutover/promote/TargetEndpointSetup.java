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
import java.util.Optional;

/** Creates (once) the DMS target endpoint to the promoted replica and tests it. */
public final class TargetEndpointSetup {
    private final Replication replication;
    private final RunStore runs;
    private final Clock clock;

    public TargetEndpointSetup(Replication replication, RunStore runs, Clock clock) {
        this.replication = replication;
        this.runs = runs;
        this.clock = clock;
    }

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

    /** Starts a connection test unless one is running or already succeeded. */
    public RunState.ConnectionCheck testTargetConnection(RunState state) {
        String instance = state.input().dms().replicationInstanceArn();
        Optional<ConnectionStatus> current = replication.connectionStatus(instance, state.target().endpointArn());
        if (current.isPresent() && (current.get().isSuccessful() || current.get().isTesting())) {
            return new RunState.ConnectionCheck(current.get().status(), null, 0, clock.instant());
        }
        replication.testConnection(instance, state.target().endpointArn());
        return new RunState.ConnectionCheck("testing", null, 0, clock.instant());
    }

    /** Polled until successful; failed ends the run with DMS's message. */
    public RunState.ConnectionCheck checkTargetConnection(RunState state) {
        String instance = state.input().dms().replicationInstanceArn();
        ConnectionStatus status = replication.connectionStatus(instance, state.target().endpointArn())
                .orElse(new ConnectionStatus("testing", null));
        Instant started = state.connection() == null ? clock.instant() : state.connection().startedAt();
        int checks = state.connection() == null ? 1 : state.connection().checks() + 1;
        if (status.isFailed()) {
            throw new StepFailed("DMS connection test from the replication instance to target endpoint "
                    + state.target().endpointIdentifier() + " failed: " + status.message());
        }
        long waited = Duration.between(started, clock.instant()).toSeconds();
        if (!status.isSuccessful() && waited >= state.input().limits().connectionTestTimeoutSeconds()) {
            throw new StepFailed("DMS connection test to " + state.target().endpointIdentifier() + " still "
                    + status.status() + " after " + waited + " s");
        }
        return new RunState.ConnectionCheck(status.status(), status.message(), checks, started);
    }
}
