package io.cutover.runbook;

import io.cutover.appmap.AppMap;
import io.cutover.instance.DatabaseInstances;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.run.RunStore;
import io.cutover.secrets.Secrets;
import io.cutover.waiting.TaskCallbacks;

import java.time.Clock;

/**
 * Everything a runbook step talks to. AWS wiring builds it from SDK clients; tests and the local
 * rehearsal build it from local adapters. {@code secrets} is for checking what a secret holds (key
 * names only); credentials themselves are read by the probes.
 */
public record Ports(
        DatabaseInstances instances,
        Replication replication,
        SourceProbes probes,
        RunStore runs,
        AppMap appMap,
        TaskCallbacks callbacks,
        Clock clock,
        Secrets secrets) {
}
