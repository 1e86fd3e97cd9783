package io.cutover.promote;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.failure.StepFailed;
import io.cutover.input.PromoteReplicaInput;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.Engine;
import io.cutover.instance.InstanceDescription;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.Replication;
import io.cutover.secrets.EndpointSecret;
import io.cutover.secrets.Secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks everything the runbook relies on before it touches anything, and reports every
 * problem at once: instances, replication topology, DMS, CDC set-up, the appmap.
 *
 * @param promotableTag "key=value" the replica must carry to be promoted (the deployment's IAM
 *                      condition on rds:PromoteReadReplica), or null where nothing requires one
 */
public record Preflight(DatabaseInstances instances, Replication replication, SourceProbes probes, AppMap appMap,
                        Secrets secrets, String promotableTag) {
    public Preflight {
        promotableTag = promotableTag == null || promotableTag.isBlank() ? null : promotableTag;
    }

    public RunState.Instances check(RunState state) {
        PromoteReplicaInput in = state.input();
        List<String> problems = new ArrayList<>();
        String sourceId = in.source().instanceId();
        String replicaId = in.replica().instanceId();

        Optional<InstanceDescription> source = instances.describe(sourceId);
        Optional<InstanceDescription> replica = instances.describe(replicaId);
        if (source.isEmpty()) {
            problems.add("source " + sourceId + " does not exist");
        } else {
            InstanceDescription s = source.get();
            if (!s.isAvailable()) problems.add("source " + sourceId + " is " + s.status() + ", not available");
            if (s.isReplica()) problems.add("source " + sourceId + " is itself a read replica of " + s.replicaSourceId());
            if (!engineMatches(in.engine(), s.engine())) {
                problems.add("source " + sourceId + " runs " + s.engine() + ", the input says " + in.engine().dmsEngineName());
            }
        }
        if (replica.isEmpty()) {
            problems.add("replica " + replicaId + " does not exist");
        } else {
            InstanceDescription r = replica.get();
            if (!r.isAvailable()) problems.add("replica " + replicaId + " is " + r.status() + ", not available");
            if (r.isMounted()) {
                problems.add("replica " + replicaId + " is a mounted Oracle replica (ReplicaMode mounted): it accepts no"
                        + " connections, so the run cannot see what it has applied; use an open-read-only replica");
            }
            if (promotableTag != null) {
                int eq = promotableTag.indexOf('=');
                String key = eq < 0 ? promotableTag : promotableTag.substring(0, eq);
                String value = eq < 0 ? "" : promotableTag.substring(eq + 1);
                if (!value.equals(r.tags().get(key))) {
                    problems.add("replica " + replicaId + " lacks the tag " + key + "=" + value
                            + " this deployment requires before it may promote it");
                }
            }
            if (!r.replicatesFrom(sourceId)) {
                problems.add("replica " + replicaId + (r.isReplica()
                        ? " replicates from " + r.replicaSourceId() + ", not from " + sourceId
                        : " is not a read replica (already standalone?)"));
            }
        }

        String instanceStatus = replication.replicationInstanceStatus(in.dms().replicationInstanceArn()).orElse(null);
        if (instanceStatus == null) {
            problems.add("DMS replication instance " + in.dms().replicationInstanceArn() + " does not exist");
        } else if (!"available".equals(instanceStatus)) {
            problems.add("DMS replication instance is " + instanceStatus + ", not available");
        } else {
            String sourceEndpoint = in.dms().sourceEndpointArn();
            if (sourceEndpoint == null) {
                // PostgreSQL without dms.sourceEndpointArn: the run makes its own source endpoint
                // (CreateSourceEndpoint) with SlotName and PluginName set; DMS reads the source's secret.
                EndpointSecret.problem(secrets, "source.secretArn", in.source().secretArn()).ifPresent(problems::add);
            } else if (replication.describeEndpoint(sourceEndpoint).isEmpty()) {
                problems.add("DMS source endpoint " + sourceEndpoint + " does not exist");
            } else {
                Optional<ConnectionStatus> test = replication.connectionStatus(in.dms().replicationInstanceArn(), sourceEndpoint);
                if (test.isEmpty() || !test.get().isSuccessful()) {
                    problems.add("DMS source endpoint has not tested successful from the replication instance ("
                            + test.map(t -> t.status() + (t.message() == null ? "" : ": " + t.message())).orElse("never tested")
                            + "); run TestConnection first");
                }
                if (in.engine() == Engine.POSTGRES) slotProblem(state).ifPresent(problems::add);
            }
        }

        // The target endpoint is created with the replica's secret; DMS reads the connection from it.
        EndpointSecret.problem(secrets, "replica.secretArn", in.replica().secretArn()).ifPresent(problems::add);

        RunState.BackupRetention retention = null;
        if (source.isPresent()) {
            retention = ReplicaPromotion.backupRetention(in, source.get()).orElse(null);
            if (retention == null) {
                problems.add("source " + sourceId + " reports no BackupRetentionPeriod: give replica.backupRetentionPeriod"
                        + " (PromoteReadReplica would otherwise keep 1 day of backups)");
            } else if (retention.days() == 0 && replica.isPresent() && !replica.get().replicaIds().isEmpty()) {
                problems.add("replica " + replicaId + " has read replicas of its own " + replica.get().replicaIds()
                        + ": RDS refuses a backup retention of 0 for it");
            }
        }

        RunState.Instances addresses = null;
        if (source.isPresent() && source.get().host() != null && replica.isPresent() && replica.get().host() != null) {
            addresses = new RunState.Instances(
                    new RunState.Address(source.get().host(), source.get().port()),
                    new RunState.Address(replica.get().host(), replica.get().port()), retention);
            if (source.get().isAvailable()) {
                try {
                    DbConnection conn = new DbConnection(in.engine(), source.get().host(), source.get().port(),
                            in.source().database(), in.source().secretArn());
                    CdcReadiness readiness = probes.forEngine(in.engine()).cdcReadiness(conn);
                    problems.addAll(readiness.problems().stream().map(p -> "source CDC set-up: " + p).toList());
                } catch (RuntimeException e) {
                    problems.add("source " + sourceId + " could not be checked for CDC set-up: " + e.getMessage());
                }
            }
        }

        for (String app : in.applications()) {
            Optional<Application> entry = appMap.get(app);
            if (entry.isEmpty()) {
                problems.add("application " + app + " has no appmap entry");
            } else if (entry.get().status() == AppStatus.FROZEN && !state.runId().equals(entry.get().frozenBy())) {
                problems.add("application " + app + " is already FROZEN by " + entry.get().frozenBy());
            }
        }

        if (!problems.isEmpty()) {
            throw new StepFailed("preflight failed: " + String.join("; ", problems));
        }
        return addresses;
    }

    /**
     * The CDC task reads the source endpoint's slot, which this run creates before promotion, with
     * the endpoint's decoder. A slot DMS made itself at task start would begin after the fork:
     * changes in between lost; a decoder other than the slot's fails the task.
     */
    private Optional<String> slotProblem(RunState state) {
        String slot = ResourceNames.slotName(state.runId());
        String plugin = state.input().dms().postgresPlugin();
        String endpoint = state.input().dms().sourceEndpointArn();
        return replication.postgresSlotSettings(endpoint)
                .orElse(new PostgresSlotSettings(null, null))
                .mismatch(slot, plugin)
                .map(m -> "DMS source endpoint must read this run's logical slot " + slot + " with the decoder it is made"
                        + " with (dms.postgresPlugin): " + m + " - the run creates that slot before promotion; "
                        + PostgresSlotSettings.modifyCommand(endpoint, slot, plugin));
    }

    static boolean engineMatches(Engine engine, String rdsEngine) {
        try {
            return Engine.parse(rdsEngine) == engine;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
