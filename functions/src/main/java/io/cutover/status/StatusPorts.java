package io.cutover.status;

import io.cutover.appmap.AppMap;
import io.cutover.instance.DatabaseInstances;
import io.cutover.probe.SourceProbes;
import io.cutover.run.RunStore;

import java.time.Clock;

/**
 * Everything a status reads. The instance, probe, run and appmap ports are the runbook's own,
 * so the status shows what the steps decide on (the lag is the lag gate's); the database and
 * DMS status ports add the read-only views only a status needs.
 */
public record StatusPorts(
        DatabaseInstances instances,
        SourceProbes probes,
        DatabaseStatusProbes databases,
        ReplicationStatus dms,
        RunStore runs,
        AppMap appMap,
        Clock clock) {
}
