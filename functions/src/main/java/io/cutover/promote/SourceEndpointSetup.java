package io.cutover.promote;

import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.Replication;
import io.cutover.run.RunStore;

import java.util.Optional;

/**
 * PostgreSQL without {@code dms.sourceEndpointArn}: the run's own DMS source endpoint, made once
 * before the freeze, reading the run's slot with its decoder (SlotName, PluginName) - so nobody
 * modifies a shared endpoint. Tagged with the run like everything the run creates; the rollback
 * deletes it while no task uses it. Otherwise the endpoint the input names is used as it is.
 */
public final class SourceEndpointSetup {
    private final Replication replication;
    private final RunStore runs;

    public SourceEndpointSetup(Replication replication, RunStore runs) {
        this.replication = replication;
        this.runs = runs;
    }

    public RunState.SourceEndpoint createSourceEndpoint(RunState state) {
        String given = state.input().dms().sourceEndpointArn();
        if (given != null) return new RunState.SourceEndpoint(given, null, false);
        String id = ResourceNames.sourceEndpointId(state.runId());
        Optional<EndpointDescription> existing = replication.findEndpointByIdentifier(id);
        String arn = existing.map(EndpointDescription::arn).orElseGet(() -> replication.createEndpoint(new EndpointSpec(
                id, EndpointSpec.EndpointType.SOURCE, state.engine(),
                state.instances().source().host(), state.instances().source().port(),
                state.input().source().database(), state.input().source().secretArn(),
                state.input().dms().secretsAccessRoleArn(),
                ResourceNames.slotName(state.runId()), state.input().dms().postgresPlugin(), state.runId(),
                state.input().dms().secretsManagerEndpointOverride())));
        runs.recordResource(state.runId(), ResourceNames.SOURCE_ENDPOINT, arn);
        return new RunState.SourceEndpoint(arn, id, existing.isEmpty());
    }
}
